"""Pages of the inbox area: the to-do list, the inbox and the e-mail setting. Rules per URL
in permissions.py; every row is the user's own (another's notification is a 404)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from apps.core.todos import todos_for_request
from apps.core.views import FilteredListView
from apps.inbox import selectors, services
from apps.inbox.models import Notification


class TodoListView(TemplateView):
    """Every kind of item waiting for the user, overdue and oldest first, each linking to
    the list where they act, filtered to exactly those rows."""

    template_name = "inbox/todo_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        todos = todos_for_request(self.request)
        context.update(todos=todos, total=sum(todo.count for todo in todos))
        return context


class NotificationListView(FilteredListView):
    """The user's reminders and escalations, newest first."""

    list_selector = selectors.notification_list
    ordering = ("-id",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unread"] = Notification.objects.for_actor(self.request.user).unread().count()
        return context


class NotificationOpenView(View):
    """Mark a notification read and go to its item (POST only: reading changes state)."""

    def post(self, request, pk):
        try:
            notification = selectors.notification_get(actor=request.user, pk=pk)
        except Notification.DoesNotExist as error:
            raise Http404 from error
        services.notification_mark_read(actor=request.user, notification=notification)
        if request.POST.get("stay"):
            return redirect("inbox:notification-list")
        return redirect(notification.link if notification.link.startswith("/") else "/")


class NotificationReadAllView(View):
    def post(self, request):
        count = services.notification_mark_all_read(actor=request.user)
        messages.success(request, _("%(count)d notifications marked read.") % {"count": count})
        return redirect("inbox:notification-list")


class ReminderSettingsForm(forms.Form):
    email_reminders = forms.BooleanField(
        label=_("Also send reminders and escalations to my e-mail address"), required=False
    )


class ReminderSettingsView(FormView):
    """The user's own choice of reminders by e-mail."""

    template_name = "inbox/settings.html"
    form_class = ReminderSettingsForm

    def get_initial(self):
        return {"email_reminders": self.request.user.email_reminders}

    def form_valid(self, form):
        services.reminder_settings_update(
            actor=self.request.user, email_reminders=form.cleaned_data["email_reminders"]
        )
        messages.success(self.request, _("Saved."))
        return redirect(reverse("inbox:notification-list"))
