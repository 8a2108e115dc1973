"""Work-order API: residents under /me/repairs/, staff under /staff/work-orders/, one view per action."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import NotPermitted
from core.limits import LimitedThrottleMixin
from residents import access
from residents.models import Estate
from residents.permissions import HasPerson

from .. import selectors, services
from ..actions import RESIDENT_ACTIONS, STAFF_ACTIONS, available_actions, run_action
from ..bulk import Pick, work_orders_bulk_assign
from ..contacts import work_order_reveal_contact_phone
from ..follow_up import orders_needing_follow_up
from ..maintenance.selectors import order_checklist
from ..models import WorkOrder
from ..photos import read_upload, work_order_photo_add
from ..services import Report
from . import serializers as s

ACTION_INPUTS = {
    "accept": s.EmptyActionInputSerializer, "reject": s.NoteActionInputSerializer, "merge": s.MergeInputSerializer,
    "assign": s.AssignInputSerializer, "schedule": s.ScheduleInputSerializer, "start": s.EmptyActionInputSerializer,
    "hold": s.NoteActionInputSerializer, "resume": s.EmptyActionInputSerializer,
    "complete": s.NoteActionInputSerializer, "confirm": s.ConfirmInputSerializer,
    "reopen": s.NoteActionInputSerializer, "cancel": s.OptionalNoteActionInputSerializer,
    "close": s.EmptyActionInputSerializer, "press": s.OptionalNoteActionInputSerializer,
    "follow_up": s.NoteActionInputSerializer, "quote": s.QuoteInputSerializer,
    "accept_quote": s.EmptyActionInputSerializer, "decline_quote": s.EmptyActionInputSerializer,
    "charge_paid": s.EmptyActionInputSerializer,
}  # fmt: skip


class IsRepairsStaff(BasePermission):
    """Dispatchers, managers and technicians (rows are scoped further by the selector)."""

    def has_permission(self, request, view):
        user = request.user
        return access.can(user, "repairs.view_all") or access.can(user, "repairs.work")


def _with_timeline(order, user, *, staff: bool):
    order.timeline = list(selectors.order_timeline(order=order, staff=staff))
    order.actions = available_actions(order, user)
    if staff:
        order.checklist_rows = order_checklist(order=order)
    return order


class _Scoped:
    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WorkOrder.objects.none()
        return self.scope(user=self.request.user).order_by("-created_at", "-id").prefetch_related("photos", "quotes")


# --- residents --------------------------------------------------------------------------------------


class MyRepairListView(LimitedThrottleMixin, _Scoped, generics.ListAPIView):
    permission_classes = [HasPerson]
    write_limit = "repair_reports"  # counted with the web form (core/limits.py)
    serializer_class = s.ResidentWorkOrderSerializer
    scope = staticmethod(selectors.orders_for_resident)
    filterset_fields = {"status": ["exact"]}

    @extend_schema(request=s.ReportInputSerializer, responses={201: s.ResidentWorkOrderSerializer})
    def post(self, request):
        data = s.ReportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        order = services.work_order_submit(actor=request.user, report=Report(**data.validated_data), request=request)
        return Response(s.ResidentWorkOrderSerializer(order).data, status=status.HTTP_201_CREATED)


class MyRepairDetailView(_Scoped, generics.RetrieveAPIView):
    permission_classes = [HasPerson]
    serializer_class = s.ResidentWorkOrderDetailSerializer
    scope = staticmethod(selectors.orders_for_resident)

    def get_object(self):
        return _with_timeline(super().get_object(), self.request.user, staff=False)


# --- staff --------------------------------------------------------------------------------------------


class StaffWorkOrderListView(_Scoped, generics.ListAPIView):
    permission_classes = [IsRepairsStaff]
    serializer_class = s.StaffWorkOrderSerializer
    scope = staticmethod(selectors.orders_for_staff)
    filterset_fields = {
        "estate__slug": ["exact"], "status": ["exact", "in"], "priority": ["exact"], "trade__key": ["exact"],
        "assignee": ["exact", "isnull"], "unit__building": ["exact"], "channel": ["exact"],
    }  # fmt: skip

    @extend_schema(request=s.StaffReportInputSerializer, responses={201: s.StaffWorkOrderSerializer})
    def post(self, request):
        data = s.StaffReportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        order = services.work_order_submit(actor=request.user, report=Report(**data.validated_data), request=request)
        return Response(s.StaffWorkOrderSerializer(order).data, status=status.HTTP_201_CREATED)


class StaffWorkOrderBulkAssignView(APIView):
    """Assign several orders to one technician: all of them, or none with every reason (409 or 400)."""

    permission_classes = [IsRepairsStaff]

    @extend_schema(request=s.BulkAssignInputSerializer, responses=s.StaffWorkOrderSerializer(many=True),
                   operation_id="staff_work_orders_bulk_assign")  # fmt: skip
    def post(self, request):
        if not access.can(request.user, "repairs.dispatch"):
            raise NotPermitted(_("Only dispatchers and managers may assign orders."))
        data = s.BulkAssignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        picks = [Pick(p["id"], p.get("version")) for p in data.validated_data["orders"]]
        orders = work_orders_bulk_assign(picks=picks, technician_id=data.validated_data["technician_id"],
                                         actor=request.user, note=data.validated_data["note"])  # fmt: skip
        return Response(s.StaffWorkOrderSerializer(orders, many=True).data)


class StaffWorkOrderDetailView(_Scoped, generics.RetrieveAPIView):
    permission_classes = [IsRepairsStaff]
    serializer_class = s.StaffWorkOrderDetailSerializer
    scope = staticmethod(selectors.orders_for_staff)

    def get_object(self):
        return _with_timeline(super().get_object(), self.request.user, staff=True)


class StaffFollowUpListView(generics.ListAPIView):
    """Finished emergency or reopened orders not yet followed up (dispatchers and managers)."""

    permission_classes = [IsRepairsStaff]
    serializer_class = s.StaffWorkOrderSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WorkOrder.objects.none()
        if not access.can(self.request.user, "repairs.dispatch"):
            raise NotPermitted(_("Only dispatchers and managers record follow-up calls."))
        return orders_needing_follow_up(user=self.request.user)


class _PhotoUploadView(APIView):
    parser_classes = [MultiPartParser]
    scope = None
    input = s.PhotoInputSerializer

    def post(self, request, pk):
        order = get_object_or_404(self.scope(user=request.user), pk=pk)
        data = self.input(data=request.data)
        data.is_valid(raise_exception=True)
        kind = data.validated_data.get("kind", "report")
        photo = work_order_photo_add(order_id=order.pk, actor=request.user,
                                     data=read_upload(data.validated_data["photo"]), kind=kind)  # fmt: skip
        return Response(s.PhotoSerializer(photo).data, status=status.HTTP_201_CREATED)


class MyRepairPhotoView(LimitedThrottleMixin, _PhotoUploadView):
    """Add a photo of the fault (the household of the order)."""

    permission_classes = [HasPerson]
    write_limit = "photo_uploads"  # counted with the web form (core/limits.py)
    scope = staticmethod(selectors.orders_for_resident)

    @extend_schema(request=s.PhotoInputSerializer, responses={201: s.PhotoSerializer}, operation_id="me_repairs_photo")
    def post(self, request, pk):
        return super().post(request, pk)


class StaffWorkOrderPhotoView(_PhotoUploadView):
    """Add an after-photo (the assignee) or a photo of the fault (dispatchers, managers)."""

    permission_classes = [IsRepairsStaff]
    scope = staticmethod(selectors.orders_for_staff)
    input = s.StaffPhotoInputSerializer

    @extend_schema(request=s.StaffPhotoInputSerializer, responses={201: s.PhotoSerializer},
                   operation_id="staff_work_orders_photo")  # fmt: skip
    def post(self, request, pk):
        return super().post(request, pk)


class StaffRepairReportView(APIView):
    """One estate's repair figures for a month: volume, response and resolution times, on-time, first-time
    fix and reopen rates, backlog by age (dispatchers and managers)."""

    permission_classes = [IsRepairsStaff]

    @extend_schema(
        parameters=[
            OpenApiParameter("estate", str, required=True, description="Estate slug"),
            OpenApiParameter("month", str, required=True, description="YYYY-MM"),
        ],
        responses=s.RepairReportSerializer,
    )
    def get(self, request):
        if not access.can(request.user, "repairs.dispatch"):
            raise NotPermitted(_("Reports are for dispatchers and managers."))
        params = s.RepairReportQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        year, month = (int(part) for part in params.validated_data["month"].split("-"))
        try:
            report = selectors.monthly_report(user=request.user, estate_slug=params.validated_data["estate"],
                                              year=year, month=month)  # fmt: skip
        except Estate.DoesNotExist:
            raise NotFound() from None
        return Response(report)


class StaffWorkOrderDuplicatesView(generics.ListAPIView):
    """Open orders that may report the same common-area fault (same area and trade, within the window)."""

    permission_classes = [IsRepairsStaff]
    serializer_class = s.StaffWorkOrderSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WorkOrder.objects.none()
        order = get_object_or_404(selectors.orders_for_staff(user=self.request.user), pk=self.kwargs["pk"])
        visible = selectors.orders_for_staff(user=self.request.user).values("pk")
        return (
            selectors.duplicate_candidates(order=order).filter(pk__in=visible).select_related(*selectors.DETAIL_RELATED)
        )


class StaffWorkOrderSuggestionsView(APIView):
    """Technicians for this order, best first, each with why (dispatchers and managers only)."""

    permission_classes = [IsRepairsStaff]

    @extend_schema(responses=s.DispatchSuggestionSerializer(many=True))
    def get(self, request, pk):
        order = get_object_or_404(selectors.orders_for_staff(user=request.user), pk=pk)
        if not access.can(request.user, "repairs.dispatch", order.estate_id):
            raise NotPermitted(_("Only dispatchers and managers may see dispatch suggestions."))
        suggestions = selectors.dispatch_suggestions(order=order)
        return Response(s.DispatchSuggestionSerializer(suggestions, many=True).data)


class StaffWorkOrderRevealContactPhoneView(APIView):
    """Show the full contact phone given with the order (Open311); every reveal is audited, like a resident's."""

    permission_classes = [IsRepairsStaff]

    @extend_schema(request=None, responses=s.RevealedContactPhoneSerializer,
                   operation_id="staff_work_orders_reveal_contact_phone")  # fmt: skip
    def post(self, request, pk):
        order = get_object_or_404(selectors.orders_for_staff(user=request.user), pk=pk)
        phone = work_order_reveal_contact_phone(actor=request.user, order=order, request=request)
        return Response({"phone": phone})


class _ActionView(APIView):
    action_name = ""
    scope = None
    output = None

    def post(self, request, pk):
        order = get_object_or_404(self.scope(user=request.user), pk=pk)
        data = ACTION_INPUTS[self.action_name](data=request.data)
        data.is_valid(raise_exception=True)
        run_action(self.action_name, order_id=order.pk, actor=request.user, data=data.validated_data)
        order.refresh_from_db()  # some actions return a quote or change nothing on the order itself
        return Response(self.output(order).data)


def _action_view(name: str, *, staff: bool):
    """A view class for one action, with its own schema entry."""
    base = {
        "action_name": name,
        "permission_classes": [IsRepairsStaff] if staff else [HasPerson],
        "scope": staticmethod(selectors.orders_for_staff if staff else selectors.orders_for_resident),
        "output": s.StaffWorkOrderSerializer if staff else s.ResidentWorkOrderSerializer,
    }

    def post(self, request, pk):
        return _ActionView.post(self, request, pk)

    operation = f"{'staff_work_orders' if staff else 'me_repairs'}_{name}"
    base["post"] = extend_schema(request=ACTION_INPUTS[name], responses=base["output"], operation_id=operation)(post)
    return type(f"{'Staff' if staff else 'My'}WorkOrder{name.title()}View", (_ActionView,), base)


RESIDENT_ACTION_VIEWS = {name: _action_view(name, staff=False) for name in RESIDENT_ACTIONS}
STAFF_ACTION_VIEWS = {name: _action_view(name, staff=True) for name in STAFF_ACTIONS}
