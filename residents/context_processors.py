from .access import is_staff_member, roles_of


def roles(request):
    user = request.user
    return {"linli_roles": roles_of(user), "linli_is_staff": is_staff_member(user)} if user.is_authenticated else {}
