from .access import can, is_staff_member, roles_of, uses_resident_pages


def roles(request):
    """Roles and the navigation each may see; the rules stay in residents.access."""
    user = request.user
    if not user.is_authenticated:
        return {}
    nav = {
        "resident": uses_resident_pages(user),
        "work_queue": can(user, "repairs.view_all"),
        "my_jobs": can(user, "repairs.work"),
        "import": can(user, "registry.import"),
        "complaints": can(user, "complaints.handle"),
        "committee_complaints": can(user, "complaints.committee"),
        "surveys": can(user, "feedback.manage"),
        "scores": can(user, "feedback.scores"),
        "committee": can(user, "committee.view"),
        "committee_matters": can(user, "committee.answer"),
        "content": can(user, "content.edit"),
        "kb_stats": can(user, "kb.stats"),
    }
    return {"linli_roles": roles_of(user), "linli_is_staff": is_staff_member(user), "linli_nav": nav}
