"""Hostile spreadsheets are refused before they are parsed in full; honest ones pass."""

import io
import os
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from apps.exports.uploads import validate_csv_upload, validate_xlsx_upload


def workbook_bytes(rows: int = 3) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "手机"])
    for i in range(rows):
        sheet.append([f"张{i}", f"1390000{i:04d}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, *, add: dict | None = None, replace: dict | None = None) -> bytes:
    """``data``'s zip with entries added or their contents changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if replace and item.filename in replace:
                content = replace[item.filename](content)
            target.writestr(item.filename, content)
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def upload(data: bytes, name: str = "名单.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def refusal(validate, file, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        validate(file, **kwargs)
    return caught.value.code


def test_it_accepts_a_plain_workbook_and_rewinds_it():
    file = upload(workbook_bytes(rows=5))

    validate_xlsx_upload(file, max_rows=5)

    assert file.tell() == 0
    assert load_workbook(file).active.max_row == 6


def test_it_refuses_a_text_file_named_xlsx():
    assert refusal(validate_xlsx_upload, upload(b"name,phone\n", "a.xlsx"), max_rows=10) == (
        "not_xlsx"
    )


def test_it_refuses_a_zip_that_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")

    assert refusal(validate_xlsx_upload, upload(out.getvalue()), max_rows=10) == "not_xlsx"


def test_it_refuses_a_zip_bomb_from_the_directory_alone():
    # 4 MB of zeros deflates to a few kilobytes: far beyond 100:1 overall.
    bomb = rezip(workbook_bytes(), add={"xl/media/padding.bin": b"\0" * (4 * 1024 * 1024)})
    assert len(bomb) < 64 * 1024

    assert refusal(validate_xlsx_upload, upload(bomb), max_rows=10) == "zip_bomb"


def test_it_refuses_a_workbook_that_unpacks_too_large(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    # Random bytes do not compress, so the ratio is honest but the size is not.
    data = rezip(workbook_bytes(), add={"xl/media/photo.bin": os.urandom(1024 * 1024)})

    assert refusal(validate_xlsx_upload, upload(data), max_rows=10) == "too_big_unpacked"


def test_it_refuses_an_upload_over_the_size_cap(settings):
    settings.IMPORT_MAX_BYTES = 1000

    assert refusal(validate_xlsx_upload, upload(workbook_bytes()), max_rows=10) == "too_large"


def test_it_refuses_an_empty_file():
    assert refusal(validate_xlsx_upload, upload(b""), max_rows=10) == "empty"


def test_it_refuses_external_links():
    data = rezip(
        workbook_bytes(),
        add={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"},
    )

    assert refusal(validate_xlsx_upload, upload(data), max_rows=10) == "external_links"


def test_it_refuses_a_vba_project():
    data = rezip(workbook_bytes(), add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})

    assert refusal(validate_xlsx_upload, upload(data), max_rows=10) == "macros"


def test_it_refuses_a_macro_enabled_content_type():
    def macro_enabled(content: bytes) -> bytes:
        return content.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )

    data = rezip(workbook_bytes(), replace={"[Content_Types].xml": macro_enabled})

    assert refusal(validate_xlsx_upload, upload(data), max_rows=10) == "macros"


def _lying_about_its_dimension(rows: int) -> bytes:
    def claim_two_rows(content: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:B2"', content)

    return rezip(workbook_bytes(rows=rows), replace={"xl/worksheets/sheet1.xml": claim_two_rows})


def test_it_counts_rows_itself_when_the_sheet_lies_about_its_dimension():
    data = _lying_about_its_dimension(rows=30)
    # The file does lie: trusting the dimension, openpyxl would read two rows.
    trusting = load_workbook(io.BytesIO(data), read_only=True).active
    assert len(list(trusting.iter_rows())) == 2

    assert refusal(validate_xlsx_upload, upload(data), max_rows=10) == "too_many_rows"


def test_it_accepts_exactly_the_row_cap():
    validate_xlsx_upload(upload(_lying_about_its_dimension(rows=10)), max_rows=10)


def test_the_row_cap_defaults_to_the_setting(settings):
    settings.IMPORT_MAX_ROWS = 4

    assert refusal(validate_xlsx_upload, upload(workbook_bytes(rows=5))) == "too_many_rows"


def test_it_refuses_a_corrupt_zip():
    data = bytearray(workbook_bytes(rows=50))
    sheet = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    # Damage the sheet's compressed bytes; the zip directory still reads fine.
    start = sheet.header_offset + 30 + len(sheet.filename) + 20
    data[start : start + 40] = b"\xff" * 40

    assert refusal(validate_xlsx_upload, upload(bytes(data)), max_rows=10) == "not_xlsx"


# CSV


def test_it_reads_utf8_with_and_without_a_byte_order_mark():
    text = "姓名,手机\n张丽,13900000000\n"

    assert validate_csv_upload(upload(text.encode(), "a.csv"), max_rows=5) == "utf-8"
    assert validate_csv_upload(upload(text.encode("utf-8-sig"), "a.csv"), max_rows=5) == (
        "utf-8-sig"
    )


def test_it_reads_gb18030_as_saved_by_chinese_excel():
    data = "姓名,学校\n张丽,五华区第一小学\n".encode("gb18030")

    assert validate_csv_upload(upload(data, "a.csv"), max_rows=5) == "gb18030"


def test_it_refuses_a_csv_over_the_row_cap():
    data = ("姓名\n" + "张丽\n" * 6).encode()

    assert refusal(validate_csv_upload, upload(data, "a.csv"), max_rows=5) == "too_many_rows"
    assert validate_csv_upload(upload(data, "a.csv"), max_rows=6) == "utf-8"


def test_it_refuses_a_csv_over_the_size_cap(settings):
    settings.IMPORT_MAX_BYTES = 10

    assert refusal(validate_csv_upload, upload(b"a,b\n1,2\n3,4\n", "a.csv"), max_rows=5) == (
        "too_large"
    )


@pytest.mark.parametrize("data", [b"a,b\n\x00\x01\x02", workbook_bytes()])
def test_it_refuses_binary_files_named_csv(data):
    assert refusal(validate_csv_upload, upload(data, "a.csv"), max_rows=5) == "not_csv"


def test_it_refuses_a_malformed_csv():
    data = b'a,b\n1,"' + b"x" * 200_000 + b'"\n'

    assert refusal(validate_csv_upload, upload(data, "a.csv"), max_rows=5) == "malformed"


def test_it_refuses_bytes_that_are_no_known_encoding():
    assert refusal(validate_csv_upload, upload(b"a,b\n\xff\xfe\x80\n", "a.csv"), max_rows=5) == (
        "encoding"
    )
