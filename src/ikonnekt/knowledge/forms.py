from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from ikonnekt.cooperations.models import Cooperation, Goal
from ikonnekt.core.forms import BootstrapForm, ShareableForm
from ikonnekt.core.sharing import Visibility
from ikonnekt.knowledge.actions import parse_links
from ikonnekt.knowledge.models import Article, FileKind, Question, Sdg


def split_tags(text: str) -> list[str]:
    names = []
    for part in (text or "").replace(";", ",").split(","):
        name = " ".join(part.split())
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return names


class TagField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Tags"))
        kwargs.setdefault("help_text", _("Separate tags with commas, e.g. Grüngut, Biomasse."))
        super().__init__(**kwargs)

    def clean(self, value):
        names = split_tags(super().clean(value))
        if len(names) > 15:
            raise forms.ValidationError(_("At most 15 tags, please."))
        too_long = [n for n in names if len(n) > 60]
        if too_long:
            raise forms.ValidationError(
                _("Tag too long (at most 60 characters): %(tag)s") % {"tag": too_long[0][:80]}
            )
        return names


class SdgCheckboxes(forms.CheckboxSelectMultiple):
    template_name = "knowledge/widgets/sdg_checkboxes.html"
    option_template_name = "knowledge/widgets/sdg_option.html"


class ArticleForm(ShareableForm):
    tag_names = TagField()
    links_text = forms.CharField(
        label=_("Links to other objects"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "Kriterienkatalog Gewerbegebiete | /assessment/3/"}
        ),
        help_text=_(
            "One link per line: “label | address”. Documents, sites, measures or assessments of the "
            "platform, or web pages."
        ),
    )
    note = forms.CharField(
        label=_("What did you change?"),
        required=False,
        max_length=200,
        help_text=_("Shown in the revision history."),
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "kind",
            "summary",
            "body",
            "sdgs",
            "goals",
            "cooperations",
            "owner",
            "visibility",
            "shared_with",
        ]
        widgets = {
            "body": forms.Textarea(
                attrs={
                    "rows": 18,
                    "class": "font-monospace",
                    "hx-post": reverse_lazy("knowledge:preview"),
                    "hx-trigger": "keyup changed delay:500ms, load",
                    "hx-target": "#markdown-preview",
                    "hx-swap": "innerHTML",
                }
            ),
            "goals": forms.CheckboxSelectMultiple,
            "cooperations": forms.CheckboxSelectMultiple,
            "sdgs": SdgCheckboxes,
        }
        help_texts = {
            "body": _(
                "Markdown: **bold**, *italic*, ## heading, - list, [link](https://…), tables. "
                "Images: upload them on the article page and insert the shown snippet."
            ),
        }
        labels = {"owner": _("Author organisation")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["sdgs"].queryset = Sdg.objects.all()
        self.fields["sdgs"].label_from_instance = lambda sdg: f"{sdg.number} {sdg.title}"
        self.fields["goals"].queryset = Goal.objects.all()
        # Only cooperations the author can see may be linked.
        self.fields["cooperations"].queryset = Cooperation.objects.visible_to(user).order_by("name")
        self.fields["cooperations"].help_text = _("Cooperations this article is about.")
        if self.instance.pk:
            self.fields["tag_names"].initial = ", ".join(t.name for t in self.instance.tags.all())
            self.fields["links_text"].initial = "\n".join(
                f"{link.label} | {link.url}" for link in self.instance.links.all()
            )

    def clean_links_text(self):
        from django.core.exceptions import ValidationError

        try:
            return parse_links(self.cleaned_data.get("links_text", ""))
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["links"]) from None

    def m2m(self):
        data = {name: self.cleaned_data[name] for name in ("sdgs", "goals", "cooperations")}
        if not self.fields["shared_with"].disabled:
            data["shared_with"] = self.cleaned_data.get("shared_with") or []
        return data


class QuestionForm(ShareableForm):
    # Q&A is for asking colleagues in other municipalities: a new question is seen by every
    # signed-in user unless the asker narrows it (then the message after saving says so).
    default_visibility = "platform"
    tag_names = TagField()

    class Meta:
        model = Question
        fields = ["title", "body", "cooperation", "owner", "visibility", "shared_with", "is_closed"]
        labels = {"owner": _("Asking organisation")}
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "title": _("Ask it as a question, e.g. “Has anyone pooled green waste with a neighbour?”")
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        # ShareableForm already offers only cooperations the asker can see (the one rule)
        self.fields["cooperation"].queryset = self.fields["cooperation"].queryset.order_by("name")
        current = self.instance.cooperation_id
        if current and not self.fields["cooperation"].queryset.filter(pk=current).exists():
            # Linked by a member of a cooperation this editor cannot see: the form neither shows it
            # (not even its name) nor clears it on saving.
            del self.fields["cooperation"]
        if self.instance.pk:
            self.fields["tag_names"].initial = ", ".join(t.name for t in self.instance.tags.all())
        else:
            del self.fields["is_closed"]  # a new question is open

    def clean(self):
        data = super().clean()
        # "Shared with selected cooperations" and none ticked: share with the question's own
        # cooperation, if the asking organisation takes part in it (the offered choices).
        cooperation = data.get("cooperation")
        shared = self.fields["shared_with"]
        if (
            cooperation is not None
            and not shared.disabled
            and data.get("visibility") == Visibility.COOPERATION
            and not data.get("shared_with")
            and shared.queryset.filter(pk=cooperation.pk).exists()
        ):
            data["shared_with"] = shared.queryset.filter(pk=cooperation.pk)
        return data


class AnswerForm(BootstrapForm):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown is allowed. Everyone who can see the question sees your answer."),
    )


class CommentForm(BootstrapForm):
    text = forms.CharField(label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class FileForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=FileKind.choices, initial=FileKind.IMAGE)
    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), required=False, max_length=200)
