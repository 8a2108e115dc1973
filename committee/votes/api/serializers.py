"""Owners' vote API shapes. Names are unique across the schema (drf-spectacular)."""

from rest_framework import serializers

from ..models import Ballot, Matter, Motion


class VoteInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, allow_blank=True)
    agenda = serializers.CharField(max_length=20000, allow_blank=True)
    matter = serializers.ChoiceField(choices=Matter.choices, help_text="The item of Civil Code art. 278 (1-9).")
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()


class VoteCreateSerializer(VoteInputSerializer):
    estate = serializers.SlugField(help_text="The estate's slug.")


class VoteCancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, allow_blank=True)


class VoteMeasureSerializer(serializers.Serializer):
    total = serializers.CharField()
    participating = serializers.CharField()
    yes = serializers.CharField()
    no = serializers.CharField()
    abstain = serializers.CharField()


class VoteTallySerializer(serializers.Serializer):
    """Both measures against art. 278's thresholds. Areas are m² as decimal strings; headcounts integers
    as strings too, so nothing is rounded."""

    item = serializers.IntegerField()
    supermajority = serializers.BooleanField()
    area = VoteMeasureSerializer(source="counts.area")
    heads = VoteMeasureSerializer(source="counts.heads")
    participation_area = serializers.BooleanField()
    participation_heads = serializers.BooleanField()
    approval_area = serializers.BooleanField()
    approval_heads = serializers.BooleanField()
    quorate = serializers.BooleanField()
    passed = serializers.BooleanField()


class VoteSerializer(serializers.ModelSerializer):
    estate = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Motion
        fields = [
            "id",
            "estate",
            "matter",
            "title",
            "agenda",
            "status",
            "opens_at",
            "closes_at",
            "announced_at",
            "roll_date",
            "agenda_digest",
            "closed_at",
        ]
        read_only_fields = fields


class VoteResultSerializer(VoteSerializer):
    """A vote with its tally: the final result once closed (what residents see), the live tally for the
    committee while it runs."""

    tally = VoteTallySerializer(allow_null=True)

    class Meta(VoteSerializer.Meta):
        fields = [*VoteSerializer.Meta.fields, "tally"]
        read_only_fields = fields


class MyVoteSerializer(VoteSerializer):
    """A vote as an owner sees it: whether they are on the roll and their home's ballot."""

    on_roll = serializers.BooleanField()
    my_choice = serializers.CharField(allow_null=True)
    my_channel = serializers.CharField(allow_null=True)
    tally = VoteTallySerializer(allow_null=True)

    class Meta(VoteSerializer.Meta):
        fields = [*VoteSerializer.Meta.fields, "on_roll", "my_choice", "my_channel", "tally"]
        read_only_fields = fields


class BallotInputSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=["yes", "no", "abstain"])
    password = serializers.CharField(
        write_only=True,
        allow_blank=True,
        help_text="Your password, to confirm it is you.",
        style={"input_type": "password"},
    )


class PaperBallotInputSerializer(serializers.Serializer):
    voter = serializers.CharField(max_length=32, help_text="The roll entry's key, as in the roll export.")
    choice = serializers.CharField(max_length=8)
    channel = serializers.ChoiceField(choices=[Ballot.Channel.PAPER, Ballot.Channel.PROXY])
    proxy_name = serializers.CharField(max_length=100, allow_blank=True, required=False, default="")
    note = serializers.CharField(max_length=500, allow_blank=True, required=False, default="")
    scan = serializers.FileField(help_text="The signed ballot: PDF or photo, 10 MB at most.")


class BallotSerializer(serializers.ModelSerializer):
    voter = serializers.CharField(source="entry.key", read_only=True)

    class Meta:
        model = Ballot
        fields = ["id", "voter", "choice", "channel", "proxy_name", "created_at", "updated_at"]
        read_only_fields = fields
