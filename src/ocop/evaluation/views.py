"""Criteria browsing: the versions in the database and a printable blank scoresheet per product set."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import View

from ocop.certificates.models import Regime
from ocop.evaluation.models import CriteriaVersion
from ocop.evaluation.scoring.disqualify import catalogue
from ocop.registry.models import ProductSet


class CriteriaIndex(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        context = {
            "versions": CriteriaVersion.objects.select_related("regime"),
            "regimes": Regime.objects.all(),
            "product_sets": ProductSet.objects.all(),
        }
        return render(request, "evaluation/criteria_index.html", context)


class BlankScoresheet(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, version_id: int, set_number: int) -> HttpResponse:
        version = get_object_or_404(CriteriaVersion.objects.select_related("regime"), pk=version_id)
        if not 1 <= set_number <= 26 or not version.sheets.filter(product_set_id=set_number).exists():
            raise Http404
        sheet = version.scoresheet(set_number)
        template = version.sheets.select_related("product_set").get(product_set_id=set_number)
        context = {
            "version": version,
            "sheet": sheet,
            "template": template,
            "warnings": template.warnings(),
            "conditions": catalogue(sheet),
        }
        return render(request, "evaluation/blank_scoresheet.html", context)
