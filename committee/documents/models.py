"""The estate's document library (covenant, rules of procedure, decisions, contracts), and the abstract stored
file it shares with disclosure attachments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage
from residents.models import Estate


def _file_path(instance, filename):
    return f"committee/{instance._meta.model_name}/{filename}"


class StoredFile(models.Model):
    """A checked upload kept in private storage (never under MEDIA_URL), served only by a view that checks who
    asks. `name` is the uploader's file name, cleaned, shown and used in Content-Disposition."""

    file = models.FileField(_("file"), upload_to=_file_path, storage=private_storage, max_length=200)
    name = models.CharField(_("file name"), max_length=120)
    kind = models.CharField(_("file type"), max_length=8)  # pdf, jpeg, xlsx (documents.files.CONTENT_TYPES)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        abstract = True


class Document(StoredFile):
    """A document of the estate in the library, uploaded by the company's managers or the committee
    (documents.manage); residents of the estate read resident-level ones, the committee both levels."""

    class Category(models.TextChoices):
        COVENANT = "covenant", _("Management covenant (管理规约)")
        PROCEDURE = "procedure", _("Rules of procedure (议事规则)")
        DECISION = "decision", _("Decisions")
        CONTRACT = "contract", _("Contracts")
        OTHER = "other", _("Other")

    class Access(models.TextChoices):
        RESIDENTS = "residents", _("Residents of the estate")
        COMMITTEE = "committee", _("Committee only")

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    access = models.CharField(_("who may read it"), max_length=12, choices=Access.choices)

    class Meta:
        verbose_name = _("committee document")
        verbose_name_plural = _("committee documents")
        ordering = ["category", "-created_at", "-id"]
        indexes = [models.Index(fields=["estate", "access", "category"], name="committee_doc_estate_access")]

    def __str__(self):
        return self.title
