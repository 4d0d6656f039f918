"""The funding services: programs, envelopes down the tree, allocations within budget, the
dual-chair rule on approval, disbursement and usage reports."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.choices import Role
from apps.core.versioning import StaleEditError
from apps.funding import services
from apps.funding.budget import Pot, pot_of
from apps.funding.choices import AllocationStatus, FundingBody, ProgramStatus, SignoffBody, Target
from apps.funding.models import Allocation
from tests.factories import SchoolFactory, UserFactory, division
from tests.funding.conftest import edit_program, make_program, set_status


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def approve(allocation, *approvers):
    for approver in approvers:
        allocation = services.allocation_approve(actor=approver, allocation=allocation)
    return allocation


# Programs -------------------------------------------------------------------------------


def test_provincial_staff_create_a_program_in_planning(league_province):
    program = make_program(league_province, open_it=False)

    assert program.status == ProgramStatus.PLANNING
    assert program.total_budget == Decimal("100000.00")
    assert program.bodies == [FundingBody.LEAGUE, FundingBody.EDUCATION]
    assert program.created_by == league_province


def test_county_staff_and_officials_create_no_program(edu_wuhua, official_kunming):
    with pytest.raises(PermissionDenied):
        make_program(edu_wuhua)
    with pytest.raises(PermissionDenied):
        make_program(official_kunming)


def test_it_refuses_a_program_the_actors_body_does_not_fund(league_kunming):
    with pytest.raises(ValidationError) as caught:
        make_program(league_kunming, bodies=[FundingBody.EDUCATION])

    assert "bodies" in caught.value.error_dict
    # The work committee is League and education together.
    assert make_program(league_kunming, bodies=[FundingBody.WORK_COMMITTEE]).pk


def test_money_is_decimal_to_the_fen_and_never_a_float(league_province):
    with pytest.raises(TypeError):
        make_program(league_province, total_budget=100000.0)
    with pytest.raises(ValidationError) as caught:
        make_program(league_province, total_budget="100.005")
    assert "total_budget" in caught.value.error_dict
    program = make_program(league_province, total_budget="1,234.50")
    assert program.total_budget == Decimal("1234.50")


def test_the_status_moves_forward_only_and_closing_waits_for_open_work(
    program, league_province, migrant_wuhua, edu_province
):
    services.allocation_create(
        actor=edu_province, program=program, recipient=migrant_wuhua, amount="1000.00"
    )
    program.refresh_from_db()

    with pytest.raises(ValidationError) as caught:
        set_status(program, league_province, ProgramStatus.PLANNING)
    assert "status" in caught.value.error_dict
    with pytest.raises(ValidationError) as caught:
        set_status(program, league_province, ProgramStatus.CLOSED)
    assert "status" in caught.value.error_dict


def test_the_budget_never_drops_below_what_is_committed(program, league_province, kunming_envelope):
    program.refresh_from_db()

    with pytest.raises(ValidationError) as caught:
        edit_program(program, league_province, total_budget="39999.99")

    assert "total_budget" in caught.value.error_dict


def test_an_edit_over_a_newer_change_is_refused(program, league_province):
    seen = program.version
    set_status(program, league_province, ProgramStatus.OPEN)  # someone saves meanwhile

    with pytest.raises(StaleEditError):
        edit_program(
            program, league_province, seen_version=seen - 1, name="改名", status=ProgramStatus.OPEN
        )


# Envelopes ------------------------------------------------------------------------------


def test_envelopes_pass_down_one_level_within_what_the_giver_has(
    program, league_province, league_kunming
):
    # given 40,000 passed to Kunming, and 15,000 from Kunming to Wuhua
    kunming = services.envelope_create(
        actor=league_province, program=program, division=division("530100"), amount="40000.00"
    )
    wuhua = services.envelope_create(
        actor=league_kunming, program=program, division=division("530102"), amount="15000.00"
    )

    # then each pot knows what it received, passed down and has left
    assert wuhua.parent == kunming
    assert Pot(program, kunming).remaining() == Decimal("25000.00")
    assert Pot(program).remaining() == Decimal("60000.00")

    # when Kunming tries to pass down more than it has left, it is refused
    with pytest.raises(ValidationError) as caught:
        services.envelope_create(
            actor=league_kunming,
            program=program,
            division=division("530103"),
            amount="25000.01",
        )
    assert codes(caught.value) == {"over_budget"}
    # and the province cannot pass on more than its own remaining 60,000
    with pytest.raises(ValidationError):
        services.envelope_create(
            actor=league_province,
            program=program,
            division=division("530400"),
            amount="60000.01",
        )


def test_a_county_envelope_needs_its_prefectures_first(program, league_province):
    with pytest.raises(ValidationError) as caught:
        services.envelope_create(
            actor=league_province, program=program, division=division("530102"), amount="1.00"
        )

    assert codes(caught.value) == {"not_below"}


def test_only_the_giving_level_passes_an_envelope(program, league_kunming, edu_wuhua):
    with pytest.raises(PermissionDenied):
        services.envelope_create(
            actor=league_kunming, program=program, division=division("530100"), amount="1.00"
        )


def test_a_division_receives_one_envelope_per_program(program, league_province, kunming_envelope):
    with pytest.raises(ValidationError):
        services.envelope_create(
            actor=league_province, program=program, division=division("530100"), amount="1.00"
        )


# Allocations: budget, recipients, pots ---------------------------------------------------


def test_an_allocation_draws_on_the_deepest_envelope_of_its_recipient(
    program, kunming_envelope, edu_kunming, migrant_panlong, migrant_yuxi, edu_province
):
    in_kunming = services.allocation_create(
        actor=edu_kunming, program=program, recipient=migrant_panlong, amount="10000.00"
    )
    in_yuxi = services.allocation_create(
        actor=edu_province, program=program, recipient=migrant_yuxi, amount="10000.00"
    )

    assert in_kunming.envelope == kunming_envelope
    assert in_kunming.recipient_code == "530103"
    assert in_yuxi.envelope is None
    assert Pot(program, kunming_envelope).remaining() == Decimal("30000.00")
    assert Pot(program).remaining() == Decimal("50000.00")


def test_it_refuses_allocation_over_budget(program, kunming_envelope, edu_kunming, migrant_panlong):
    services.allocation_create(
        actor=edu_kunming, program=program, recipient=migrant_panlong, amount="39999.99"
    )

    with pytest.raises(ValidationError) as caught:
        services.allocation_create(
            actor=edu_kunming, program=program, recipient=migrant_panlong, amount="0.02"
        )

    assert "amount" in caught.value.error_dict
    assert codes(caught.value) == {"over_budget"}
    # The last fen still fits.
    services.allocation_create(
        actor=edu_kunming, program=program, recipient=migrant_panlong, amount="0.01"
    )
    assert Pot(program, kunming_envelope).remaining() == Decimal("0.00")


def test_a_migrant_children_fund_refuses_an_ordinary_school(program, edu_wuhua, ordinary_wuhua):
    with pytest.raises(ValidationError) as caught:
        services.allocation_create(
            actor=edu_wuhua, program=program, recipient=ordinary_wuhua, amount="1000.00"
        )

    (message,) = caught.value.error_dict["recipient"]
    assert message.code == "wrong_target"
    assert "五华区红旗小学" in message.messages[0]
    assert not Allocation.objects.exists()


def test_a_committee_fund_pays_county_committees_only(
    league_province, edu_province, county_committee, migrant_wuhua
):
    fund = make_program(league_province, name="少工委工作经费", target=Target.COMMITTEES)

    allocation = services.allocation_create(
        actor=edu_province, program=fund, recipient=county_committee, amount="5000.00"
    )
    with pytest.raises(ValidationError) as caught:
        services.allocation_create(
            actor=edu_province, program=fund, recipient=migrant_wuhua, amount="5000.00"
        )

    assert allocation.recipient_code == "530102"
    assert codes(caught.value) == {"wrong_target"}


def test_it_refuses_a_recipient_outside_the_actors_scope(program, edu_wuhua, migrant_yuxi):
    with pytest.raises(ValidationError) as caught:
        services.allocation_create(
            actor=edu_wuhua, program=program, recipient=migrant_yuxi, amount="1000.00"
        )

    assert codes(caught.value) == {"out_of_scope"}


def test_a_level_below_the_pot_does_not_allocate_from_it(
    program, kunming_envelope, edu_wuhua, migrant_wuhua
):
    # Wuhua received no envelope: its schools are paid from Kunming's, by Kunming.
    with pytest.raises(ValidationError) as caught:
        services.allocation_create(
            actor=edu_wuhua, program=program, recipient=migrant_wuhua, amount="1000.00"
        )

    assert codes(caught.value) == {"not_your_pot"}


def test_a_closed_program_takes_no_allocation(league_province, migrant_wuhua, edu_province):
    program = make_program(league_province)
    program = set_status(program, league_province, ProgramStatus.CLOSED)

    with pytest.raises(ValidationError) as caught:
        services.allocation_create(
            actor=edu_province, program=program, recipient=migrant_wuhua, amount="1.00"
        )
    assert codes(caught.value) == {"closed"}


@pytest.mark.parametrize("amount", ["0", "0.00", "-5.00"])
def test_it_refuses_a_non_positive_amount(program, edu_province, migrant_wuhua, amount):
    with pytest.raises(ValidationError) as caught:
        services.allocation_create(
            actor=edu_province, program=program, recipient=migrant_wuhua, amount=amount
        )

    assert "amount" in caught.value.error_dict


# Approval: the dual-chair rule -----------------------------------------------------------


def test_below_the_threshold_one_approver_who_is_not_the_author(
    program, wuhua_envelope, edu_wuhua, edu_kunming, migrant_wuhua
):
    allocation = services.allocation_create(
        actor=edu_wuhua, program=program, recipient=migrant_wuhua, amount="20000.00"
    )

    with pytest.raises(ValidationError) as caught:
        services.allocation_approve(actor=edu_wuhua, allocation=allocation)
    assert codes(caught.value) == {"own"}

    approved = services.allocation_approve(actor=edu_kunming, allocation=allocation)
    assert approved.status == AllocationStatus.APPROVED
    assert [(s.body, s.signer) for s in approved.signoffs.all()] == [
        (SignoffBody.SINGLE, edu_kunming)
    ]


def test_above_the_threshold_a_league_and_an_education_signoff_of_the_running_division(
    program,
    wuhua_envelope,
    edu_wuhua,
    edu_kunming,
    league_kunming,
    league_province,
    edu_province,
    migrant_wuhua,
):
    allocation = services.allocation_create(
        actor=edu_wuhua, program=program, recipient=migrant_wuhua, amount="20000.01"
    )

    # Kunming's staff are not of the running division (the province).
    for outsider in (edu_kunming, league_kunming):
        with pytest.raises(ValidationError) as caught:
            services.allocation_approve(actor=outsider, allocation=allocation)
        assert codes(caught.value) == {"dual_signoff"}

    allocation = services.allocation_approve(actor=league_province, allocation=allocation)
    assert allocation.status == AllocationStatus.PLANNED

    # A second League signature does not replace the education one.
    another_league = UserFactory(role=Role.LEAGUE, division=division("530000"))
    with pytest.raises(ValidationError) as caught:
        services.allocation_approve(actor=another_league, allocation=allocation)
    assert codes(caught.value) == {"side_signed"}
    with pytest.raises(ValidationError) as caught:
        services.allocation_approve(actor=league_province, allocation=allocation)
    assert codes(caught.value) == {"signed"}

    allocation = services.allocation_approve(actor=edu_province, allocation=allocation)
    assert allocation.status == AllocationStatus.APPROVED
    assert sorted(allocation.signoffs.values_list("body", flat=True)) == [
        SignoffBody.EDUCATION,
        SignoffBody.LEAGUE,
    ]


@pytest.mark.parametrize(
    "step, recipient, amount, code",
    [
        # nobody signs their own large allocation
        pytest.param("allocation_approve", "migrant_yuxi", "50000.00", "own", id="approve-own"),
        # only an approved allocation is disbursed
        pytest.param(
            "allocation_disburse", "migrant_wuhua", "1000.00", "wrong_status", id="disburse-planned"
        ),
    ],
)
def test_its_author_can_neither_sign_nor_disburse_a_planned_allocation(
    request, program, edu_province, step, recipient, amount, code
):
    allocation = services.allocation_create(
        actor=edu_province,
        program=program,
        recipient=request.getfixturevalue(recipient),
        amount=amount,
    )

    with pytest.raises(ValidationError) as caught:
        getattr(services, step)(actor=edu_province, allocation=allocation)

    assert codes(caught.value) == {code}


def test_a_returned_allocation_is_approved_again_in_a_new_round(
    program, wuhua_envelope, edu_wuhua, edu_kunming, league_province, migrant_wuhua
):
    allocation = services.allocation_create(
        actor=edu_wuhua, program=program, recipient=migrant_wuhua, amount="5000.00"
    )
    allocation = approve(allocation, edu_kunming)

    with pytest.raises(ValidationError):
        services.allocation_return(actor=edu_kunming, allocation=allocation, reason=" ")
    returned = services.allocation_return(
        actor=edu_kunming, allocation=allocation, reason="请补充活动方案"
    )

    assert (returned.status, returned.round, returned.return_reason) == (
        AllocationStatus.PLANNED,
        2,
        "请补充活动方案",
    )
    # The same approver signs again in the new round.
    again = approve(returned, edu_kunming)
    assert again.status == AllocationStatus.APPROVED
    assert list(again.signoffs.values_list("round", flat=True)) == [1, 2]


def test_a_step_taken_on_a_stale_page_is_refused(
    program, wuhua_envelope, edu_wuhua, edu_kunming, migrant_wuhua
):
    allocation = services.allocation_create(
        actor=edu_wuhua, program=program, recipient=migrant_wuhua, amount="5000.00"
    )
    seen = allocation.version
    services.allocation_cancel(actor=edu_wuhua, allocation=allocation, reason="重复申报")

    with pytest.raises(StaleEditError):
        services.allocation_approve(actor=edu_kunming, allocation=allocation, seen_version=seen)


# Cancel, disburse, usage ---------------------------------------------------------------


def test_a_cancelled_allocation_no_longer_counts(program, edu_province, migrant_yuxi):
    allocation = services.allocation_create(
        actor=edu_province, program=program, recipient=migrant_yuxi, amount="100000.00"
    )
    assert Pot(program).remaining() == Decimal("0.00")

    services.allocation_cancel(actor=edu_province, allocation=allocation, reason="学校撤并")

    assert Pot(program).remaining() == Decimal("100000.00")


def test_the_whole_way_from_allocation_to_accepted_usage_with_a_remainder(
    program, wuhua_envelope, edu_wuhua, edu_kunming, school_staff, school_counselor, migrant_wuhua
):
    allocation = services.allocation_create(
        actor=edu_wuhua, program=program, recipient=migrant_wuhua, amount="10000.00"
    )
    allocation = approve(allocation, edu_kunming)
    allocation = services.allocation_disburse(actor=edu_wuhua, allocation=allocation)
    assert allocation.disbursed_by == edu_wuhua

    # Only the school's own staff report, never more than the allocation.
    for outsider in (edu_wuhua, school_counselor):
        with pytest.raises(PermissionDenied):
            services.usage_report_submit(
                actor=outsider, allocation=allocation, spent="1.00", summary="x"
            )
    with pytest.raises(ValidationError) as caught:
        services.usage_report_submit(
            actor=school_staff, allocation=allocation, spent="10000.01", summary="队鼓"
        )
    assert "spent" in caught.value.error_dict
    allocation = services.usage_report_submit(
        actor=school_staff, allocation=allocation, spent="8600.00", summary="队鼓、队旗"
    )

    # Sent back once, then reported again and accepted.
    allocation = services.usage_return(actor=edu_wuhua, allocation=allocation, reason="请附发票")
    assert allocation.status == AllocationStatus.DISBURSED
    allocation = services.usage_report_submit(
        actor=school_staff, allocation=allocation, spent="8600.00", summary="队鼓、队旗，附发票"
    )
    allocation = services.usage_accept(actor=edu_wuhua, allocation=allocation)

    # The 1,400.00 not spent goes back to the pot and may be allocated again.
    assert allocation.status == AllocationStatus.USAGE_ACCEPTED
    assert allocation.remainder == Decimal("1400.00")
    assert pot_of(allocation).remaining() == Decimal("16400.00")


def test_a_receipt_is_judged_by_its_bytes(
    program, wuhua_envelope, edu_wuhua, edu_kunming, school_staff, migrant_wuhua
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    allocation = services.allocation_create(
        actor=edu_wuhua, program=program, recipient=migrant_wuhua, amount="1000.00"
    )
    allocation = services.allocation_disburse(
        actor=edu_wuhua, allocation=approve(allocation, edu_kunming)
    )
    fake = SimpleUploadedFile("发票.pdf", b"not a pdf at all", content_type="application/pdf")

    with pytest.raises(ValidationError) as caught:
        services.usage_report_submit(
            actor=school_staff, allocation=allocation, spent="1000", summary="x", receipt=fake
        )
    assert "receipt" in caught.value.error_dict

    pdf = SimpleUploadedFile("发票.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    allocation = services.usage_report_submit(
        actor=school_staff, allocation=allocation, spent="1000", summary="x", receipt=pdf
    )
    (receipt,) = allocation.receipts.all()
    assert (receipt.original_name, receipt.content_type) == ("发票.pdf", "application/pdf")


def test_a_school_outside_the_program_area_is_refused(league_kunming, migrant_yuxi, edu_province):
    fund = make_program(league_kunming, name="昆明市专项")

    with pytest.raises(ValidationError) as caught:
        services.allocation_create(
            actor=edu_province, program=fund, recipient=migrant_yuxi, amount="1.00"
        )

    assert codes(caught.value) == {"outside_program"}


def test_an_ordinary_school_is_fine_for_an_any_school_fund(
    league_province, edu_province, ordinary_wuhua
):
    fund = make_program(league_province, name="六一主题队日", target=Target.ANY_SCHOOL)

    allocation = services.allocation_create(
        actor=edu_province, program=fund, recipient=ordinary_wuhua, amount="1.00"
    )

    assert allocation.recipient_school == ordinary_wuhua


def test_drum_corps_fund_pays_schools_with_a_corps(league_province, edu_province, divisions):
    fund = make_program(league_province, name="鼓号队", target=Target.DRUM_CORPS)
    with_corps = SchoolFactory(county=division("530102"), has_drum_corps=True)
    without = SchoolFactory(county=division("530102"))

    services.allocation_create(
        actor=edu_province, program=fund, recipient=with_corps, amount="3000"
    )
    with pytest.raises(ValidationError):
        services.allocation_create(
            actor=edu_province, program=fund, recipient=without, amount="3000"
        )
