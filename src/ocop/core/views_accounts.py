"""The account page (a person's own API tokens) and the office's page of locked-out accounts.

Rights come from the table (`core.apitoken` view/add/change with reach `self`, `core.role` view/unlock): out of
reach is 404, a missing right 403.
"""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ocop.core import accounts, rights
from ocop.core.models import ApiToken, Role
from ocop.core.types import AuthenticatedHttpRequest
from ocop.core.views import paginate


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. the script or the system that uses it."),
    )
    days = forms.IntegerField(label=gettext_lazy("Lifetime (days)"), min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        longest = settings.OCOP_API_TOKEN_DAYS  # read per form: the setting is the longest a page may give
        field = cast(forms.IntegerField, self.fields["days"])
        field.initial = field.max_value = longest
        field.validators.append(MaxValueValidator(longest))
        field.widget.attrs["max"] = longest


class AccountPage(LoginRequiredMixin, View):
    """The person's API tokens: listed, created (the key is shown once) and revoked."""

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return self.page(request, TokenForm())

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not rights.may(request.user, "add", ApiToken(user=request.user)):
            raise PermissionDenied(_("You may not create API tokens."))
        form = TokenForm(request.POST)
        if not form.is_valid():
            return self.page(request, form, status=400)
        token, key = ApiToken.issue(request.user, form.cleaned_data["name"], form.cleaned_data["days"])
        # The key exists only in this answer: never stored, never cached on the way.
        response = render(request, "core/token_created.html", {"token": token, "key": key})
        add_never_cache_headers(response)
        return response

    def page(self, request: AuthenticatedHttpRequest, form: TokenForm, status: int = 200) -> HttpResponse:
        tokens = ApiToken.objects.for_user(request.user).select_related("user")
        page = paginate(request, tokens)
        context = {
            "form": form,
            "page": page,
            "show_owner": any(token.user_id != request.user.pk for token in page),
            "can_unlock": rights.may(request.user, "unlock", Role),
        }
        return render(request, "core/account.html", context, status=status)


class TokenRevoke(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        token = get_object_or_404(ApiToken.objects.for_user(request.user), pk=pk)
        if not rights.may(request.user, "change", token):
            raise PermissionDenied(_("You may not revoke this API token."))
        if token.revoked:
            messages.info(request, _("The token “%(name)s” was already revoked.") % {"name": token.name})
        else:
            token.revoke()
            messages.success(request, _("Revoked the token “%(name)s”.") % {"name": token.name})
        return redirect("core:account")


class LockedAccounts(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not rights.may(request.user, "unlock", Role):
            raise PermissionDenied(_("Only the province OCOP office unlocks accounts."))
        context = {"rows": accounts.locked_accounts(request.user), "minutes": settings.OCOP_LOGIN_LOCKOUT_MINUTES}
        return render(request, "core/locked_accounts.html", context)


class UnlockAccount(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        account = get_object_or_404(accounts.accounts_within(request.user, "view"), pk=pk)
        if not accounts.may_unlock(request.user, account):
            raise PermissionDenied(_("You may not unlock this account."))
        if accounts.unlock(account):
            messages.success(request, _("Unlocked %(name)s: they can log in again.") % {"name": account.get_username()})
        else:
            messages.info(request, _("%(name)s was not locked out.") % {"name": account.get_username()})
        return redirect("core:locked_accounts")
