"""Who sees a shared object, in one sentence for the messages after saving.

The message after "create" must say what really happened: a question saved as private is not
"published". Every create message names the audience from the saved object itself.
"""

from django.utils.translation import gettext as _


def audience(obj) -> str:
    """``audience(question)`` → "alle angemeldeten Nutzerinnen und Nutzer" etc."""
    visibility = getattr(obj, "visibility", None)
    owner = getattr(obj, "owner", None)
    if visibility == "public":
        return _("everyone, also without signing in")
    if visibility == "platform":
        return _("every signed-in user of the platform")
    if visibility == "cooperation":
        names = sorted(c.name for c in obj.shared_with.all()) if hasattr(obj, "shared_with") else []
        if names:
            return _("members of %(owner)s and of the cooperations %(names)s") % {
                "owner": owner,
                "names": ", ".join(f"„{n}“" for n in names),
            }
        return _("only members of %(owner)s (no cooperation selected yet)") % {"owner": owner}
    return _("only members of %(owner)s") % {"owner": owner}


def saved_message(obj, what: str | None = None) -> str:
    """ "Saved. Who sees it: …" (or "<what> saved. …")."""
    who = audience(obj)
    if what:
        return _("%(what)s saved. Who sees it: %(audience)s.") % {"what": what, "audience": who}
    return _("Saved. Who sees it: %(audience)s.") % {"audience": who}
