"""Maintenance-plan API for managers (list, create, read, replace, deactivate: plans are never deleted), and
ticking a planned order's checklist line (its assignee, dispatchers and managers)."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from residents.permissions import HasCapability

from .. import selectors as order_selectors
from ..maintenance import selectors, services
from ..maintenance.models import MAX_LEAD_DAYS, MaintenancePlan, WorkOrderChecklistItem
from ..models import Priority
from .serializers import WorkOrderChecklistItemSerializer
from .views import IsRepairsStaff

# --- shapes -----------------------------------------------------------------------------------------------------


class ChecklistLineInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200)
    requires_value = serializers.BooleanField(default=False)


class MaintenancePlanInputSerializer(serializers.Serializer):
    """A plan's full contents: PUT replaces all of them, the checklist included (orders made keep theirs)."""

    title = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=1800, required=False, allow_blank=True, default="")
    trade = serializers.SlugField(max_length=32)
    common_area_id = serializers.IntegerField(help_text="A common area of the plan's estate.")
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.ROUTINE)
    interval = serializers.IntegerField(min_value=1, max_value=services.MAX_INTERVAL, default=1)
    unit = serializers.ChoiceField(choices=MaintenancePlan.Every.choices, default=MaintenancePlan.Every.MONTHS)
    first_due = serializers.DateField(help_text="Anchor of the schedule: later due dates keep its day of month.")
    lead_days = serializers.IntegerField(min_value=0, max_value=MAX_LEAD_DAYS, default=0,
                                         help_text="Days before the due date the order is made.")  # fmt: skip
    default_assignee_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    active = serializers.BooleanField(default=True)
    checklist = ChecklistLineInputSerializer(many=True, required=False, max_length=services.MAX_CHECKLIST)

    def plan_input(self) -> services.PlanInput:
        data = dict(self.validated_data)
        lines = tuple(services.ChecklistLine(**line) for line in data.pop("checklist", []))
        data.pop("estate", None)
        return services.PlanInput(**data, checklist=lines)


class MaintenancePlanCreateInputSerializer(MaintenancePlanInputSerializer):
    estate = serializers.SlugField(max_length=32, help_text="Slug of an estate you manage.")


class ChecklistItemTemplateSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    text = serializers.CharField()
    requires_value = serializers.BooleanField()


class MaintenancePlanSerializer(serializers.ModelSerializer):
    estate = serializers.CharField(source="estate.slug")
    trade = serializers.CharField(source="trade.key")
    common_area_name = serializers.CharField(source="common_area.name")
    default_assignee = serializers.CharField(source="default_assignee.username", default=None, allow_null=True)
    checklist = ChecklistItemTemplateSerializer(many=True)
    last_order_id = serializers.IntegerField(allow_null=True, help_text="The order generated last.")
    last_due = serializers.DateField(allow_null=True, help_text="The due date of the order generated last.")

    class Meta:
        model = MaintenancePlan
        fields = ["id", "estate", "title", "description", "trade", "common_area_id", "common_area_name", "priority",
                  "interval", "unit", "first_due", "next_due", "lead_days", "default_assignee_id", "default_assignee",
                  "active", "checklist", "last_order_id", "last_due", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields


class ChecklistTickInputSerializer(serializers.Serializer):
    done = serializers.BooleanField(default=True, help_text="False un-ticks the line.")
    value = serializers.CharField(max_length=100, required=False, allow_blank=True, default="",
                                  help_text="The reading; required when the line needs one.")  # fmt: skip
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


# --- plans ------------------------------------------------------------------------------------------------------


def _plans(user):
    return selectors.plans_for_manager(user=user).prefetch_related("checklist")


def _answer(user, plan_id: int, code=status.HTTP_200_OK) -> Response:
    return Response(MaintenancePlanSerializer(_plans(user).get(pk=plan_id)).data, status=code)


class _PlanView:
    permission_classes = [HasCapability]
    capability = "repairs.manage"
    serializer_class = MaintenancePlanSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MaintenancePlan.objects.none()
        return _plans(self.request.user)


class StaffMaintenancePlanListView(_PlanView, generics.ListAPIView):
    """The plans of the estates you manage, active first, soonest due first."""

    filterset_fields = {"estate__slug": ["exact"], "active": ["exact"]}

    @extend_schema(request=MaintenancePlanCreateInputSerializer, responses={201: MaintenancePlanSerializer})
    def post(self, request):
        data = MaintenancePlanCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        estate = selectors.managed_estates(user=request.user).filter(slug=data.validated_data["estate"]).first()
        if estate is None:
            raise ValidationError({"estate": [_("Choose an estate you manage.")]})
        plan = services.maintenance_plan_create(actor=request.user, estate_id=estate.pk, data=data.plan_input())
        return _answer(request.user, plan.pk, status.HTTP_201_CREATED)


class StaffMaintenancePlanDetailView(_PlanView, generics.RetrieveAPIView):
    @extend_schema(request=MaintenancePlanInputSerializer, responses=MaintenancePlanSerializer)
    def put(self, request, pk):
        plan = self.get_object()
        data = MaintenancePlanInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.maintenance_plan_update(actor=request.user, plan_id=plan.pk, data=data.plan_input())
        return _answer(request.user, plan.pk)


class StaffMaintenancePlanDeactivateView(_PlanView, APIView):
    """Generate no more orders from the plan (it stays, with its orders); a PUT with active=true restarts it."""

    @extend_schema(request=None, responses=MaintenancePlanSerializer)
    def post(self, request, pk):
        plan = get_object_or_404(self.get_queryset(), pk=pk)
        services.maintenance_plan_deactivate(actor=request.user, plan_id=plan.pk)
        return _answer(request.user, plan.pk)


# --- a planned order's checklist --------------------------------------------------------------------------------


class StaffWorkOrderChecklistTickView(APIView):
    """Tick (or un-tick) one checklist line while the work is in progress or on hold."""

    permission_classes = [IsRepairsStaff]

    @extend_schema(request=ChecklistTickInputSerializer, responses=WorkOrderChecklistItemSerializer,
                   operation_id="staff_work_orders_checklist_tick")  # fmt: skip
    def post(self, request, pk, item_id):
        order = get_object_or_404(order_selectors.orders_for_staff(user=request.user), pk=pk)
        get_object_or_404(WorkOrderChecklistItem, order=order, pk=item_id)
        data = ChecklistTickInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.work_order_checklist_tick(order_id=order.pk, item_id=item_id, actor=request.user,
                                                  **data.validated_data)  # fmt: skip
        return Response(WorkOrderChecklistItemSerializer(item).data)
