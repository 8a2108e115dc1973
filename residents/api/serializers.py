"""API shapes for the registry and people. Output serializers are read-only; inputs are plain Serializers."""

from django.conf import settings
from rest_framework import serializers

from core.models import Channel
from core.phones import mask_phone

from ..models import Building, CommonArea, ContactConsent, Estate, Person, Unit, UnitClaim


class EstateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Estate
        fields = ["id", "slug", "name", "city", "address"]
        read_only_fields = fields


class BuildingSerializer(serializers.ModelSerializer):
    estate = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Building
        fields = ["id", "estate", "name"]
        read_only_fields = fields


class UnitSerializer(serializers.ModelSerializer):
    estate = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    building = serializers.CharField(source="building.name", read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "estate", "building", "number", "floor", "area", "use"]
        read_only_fields = fields


class CommonAreaSerializer(serializers.ModelSerializer):
    estate = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    building = serializers.CharField(source="building.name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = CommonArea
        fields = ["id", "estate", "building", "kind", "name"]
        read_only_fields = fields


class MeSerializer(serializers.ModelSerializer):
    """The signed-in person's own record: their own phone is shown in full."""

    phone = serializers.CharField(source="user.phone", read_only=True)
    email = serializers.CharField(source="user.email", read_only=True)
    roles = serializers.SerializerMethodField()
    marketing = serializers.SerializerMethodField(help_text="Whether the person now agrees to news and offers.")

    class Meta:
        model = Person
        fields = ["id", "full_name", "phone", "email", "channels", "language", "marketing", "roles"]
        read_only_fields = fields

    def get_roles(self, person) -> list[str]:
        from ..access import roles_of

        return sorted(roles_of(person.user))

    def get_marketing(self, person) -> bool:
        from ..selectors import contact_consents_open

        return ContactConsent.Topic.MARKETING in contact_consents_open(person=person)


class PreferencesInputSerializer(serializers.Serializer):
    channels = serializers.ListField(child=serializers.ChoiceField(choices=Channel.choices), allow_empty=True)
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
    marketing = serializers.BooleanField(
        default=False,
        help_text="Agree to news and offers. The request sets every setting: leaving it out withdraws it.",
    )


class ClaimSerializer(serializers.ModelSerializer):
    unit = UnitSerializer(read_only=True)

    class Meta:
        model = UnitClaim
        fields = ["id", "unit", "relation", "note", "status", "reason", "created_at", "decided_at"]
        read_only_fields = fields


class ClaimInputSerializer(serializers.Serializer):
    estate = serializers.SlugField(max_length=32)
    building = serializers.CharField(max_length=50)
    number = serializers.CharField(max_length=20)
    relation = serializers.ChoiceField(choices=UnitClaim.Relation.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class StaffPersonSerializer(serializers.ModelSerializer):
    """A person as staff see them: the phone is masked; revealing it is a separate, audited call."""

    phone = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["id", "full_name", "phone"]
        read_only_fields = fields

    def get_phone(self, person) -> str:
        return mask_phone(person.user.phone)


class StaffClaimSerializer(serializers.ModelSerializer):
    unit = UnitSerializer(read_only=True)
    person = StaffPersonSerializer(read_only=True)

    class Meta:
        model = UnitClaim
        fields = ["id", "unit", "person", "relation", "note", "status", "reason", "created_at", "decided_at"]
        read_only_fields = fields


class RejectInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class RevealedPhoneSerializer(serializers.Serializer):
    phone = serializers.CharField()


class TokenInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=254)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)
    otp = serializers.CharField(max_length=6, required=False, allow_blank=True, default="")


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField()


class SignupInputSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=100)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    password = serializers.CharField(max_length=4096, trim_whitespace=False, write_only=True)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, default="zh-hans")
    accept_privacy_notice = serializers.BooleanField()
