"""The estate-home migration turns each old home page that named an estate (HomePage.estate_slug) into that
estate's EstateHomePage in place: same page, URL and children, so its notices keep their estate."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("portal", "0004_guide_committee_pages")]
AFTER = [("portal", "0005_estate_homes")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    """Migrating back unapplies later migrations (notice reads ...): every later test needs their tables."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def old_child(apps, model_name, parent, *, slug, **fields):
    """A page made as the old schema's models would store it, as the last child of `parent`."""
    model = apps.get_model("portal", model_name)
    content_type = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="portal", model=model_name.lower()
    )[0]
    page = model.objects.create(
        title=fields.pop("title", slug),
        slug=slug,
        content_type=content_type,
        path=f"{parent.path}{parent.numchild + 1:04d}",
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        locale_id=parent.locale_id,
        **fields,
    )
    apps.get_model("wagtailcore", "Page").objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    parent.numchild += 1
    return page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_estate_homes_become_estate_home_pages_in_place(back_to_latest):
    old = migrate(BEFORE)
    estate = old.get_model("residents", "Estate").objects.create(slug="alpha", name="甲小区")
    company = old.get_model("portal", "HomePage").objects.get(depth=2)
    home = old_child(old, "HomePage", company, slug="alpha", title="甲小区", estate_slug="alpha", intro="<p>欢迎</p>")
    stray = old_child(old, "HomePage", company, slug="nowhere", estate_slug="nowhere")
    board = old_child(old, "NoticeIndexPage", home, slug="notices")
    revision = old.get_model("wagtailcore", "Revision").objects.create(
        content_type=home.content_type,
        base_content_type=home.content_type,
        object_id=str(home.pk),
        created_at=timezone.now(),
        content={"pk": home.pk, "title": "甲小区", "estate_slug": "alpha", "content_type": home.content_type_id},
    )

    migrate(AFTER)

    from wagtail.models import Revision

    from portal.models import EstateHomePage, HomePage, NoticeIndexPage
    from portal.notices.estates import estate_of_page

    converted = EstateHomePage.objects.get(pk=home.pk)
    assert (converted.estate_id, converted.url_path, converted.intro) == (estate.pk, "/home/alpha/", "<p>欢迎</p>")
    assert not HomePage.objects.filter(pk=home.pk).exists()
    assert estate_of_page(NoticeIndexPage.objects.get(pk=board.pk)).pk == estate.pk
    assert type(Revision.objects.get(pk=revision.pk).as_object()) is EstateHomePage
    assert HomePage.objects.filter(pk=stray.pk).exists()  # named no known estate: left as it was
