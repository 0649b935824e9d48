from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.formats import money, time_range_text
from ikonnekt.core.forms import BootstrapForm, BootstrapModelForm, ShareableForm
from ikonnekt.market.hours import HoursError, parse_hours
from ikonnekt.market.models import (
    BusinessProfile,
    ContactMessage,
    Deal,
    Event,
    LabelClaim,
    Listing,
    OrderCycle,
    PickupPoint,
    Product,
    ProductVariant,
    SavedSearch,
)
from ikonnekt.market.wastecodes import resolve_entry


class ProfileForm(ShareableForm):
    class Meta:
        model = BusinessProfile
        fields = [
            "name",
            "owner",
            "sector",
            "description",
            "sustainability_statement",
            "street",
            "postcode",
            "municipality",
            "latitude",
            "longitude",
            "opening_hours",
            "phone",
            "email",
            "website",
            "photo",
            "visibility",
            "shared_with",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
            "sustainability_statement": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["owner"].queryset = self.fields["owner"].queryset.filter(
                kind__in=["company", "association"]
            )
            self.fields["owner"].help_text = _("Business profiles are for companies and associations.")

    def clean_opening_hours(self):
        text = self.cleaned_data["opening_hours"]
        try:
            parse_hours(text)
        except HoursError as exc:
            raise ValidationError(
                _("Line %(no)s (“%(line)s”) cannot be read; write e.g. “Mo-Fr 08:00-18:00”.")
                % {"no": exc.line_no, "line": exc.line}
            ) from None
        return text


class LabelClaimForm(BootstrapModelForm):
    class Meta:
        model = LabelClaim
        fields = ["label", "certificate_number", "evidence", "valid_until"]


class LabelVerifyForm(BootstrapForm):
    verified = forms.BooleanField(label=_("verified"), required=False)
    valid_until = forms.DateField(label=_("valid until"), required=False)


class ProductForm(ShareableForm):
    class Meta:
        model = Product
        fields = [
            "name",
            "owner",
            "category",
            "description",
            "origin",
            "season_from",
            "season_to",
            "photo",
            "visibility",
            "shared_with",
        ]
        labels = {"owner": _("Producer")}

    def clean(self):
        data = super().clean()
        for name in ("season_from", "season_to"):
            if data.get(name) and data[name] > 12:
                self.add_error(name, _("Enter a month from 1 to 12."))
        return data


class VariantForm(BootstrapModelForm):
    class Meta:
        model = ProductVariant
        fields = ["name", "unit", "size", "price", "vat_rate", "deposit", "stock"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Let the model's validator explain "three decimals" instead of the generic
        # decimal-places message.
        for name in ("price", "deposit"):
            self.fields[name] = forms.DecimalField(
                label=self.fields[name].label,
                required=self.fields[name].required,
                min_value=0,
                max_digits=12,
                help_text=self.fields[name].help_text,
                initial=self.fields[name].initial,
            )
            self.fields[name].widget.attrs.update({"class": "form-control", "step": "0.01"})

    def clean_price(self):
        from ikonnekt.market.validators import validate_money

        value = self.cleaned_data["price"]
        validate_money(value)
        return value

    def clean_deposit(self):
        from ikonnekt.market.validators import validate_money

        value = self.cleaned_data["deposit"] or 0
        validate_money(value)
        return value


class ProductImportForm(BootstrapForm):
    owner = forms.ModelChoiceField(queryset=None, label=_("Producer"), empty_label=None)
    file = forms.FileField(
        label=_("CSV file"), help_text=_("UTF-8, at most 2 MB; see the column list below.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from ikonnekt.core.sharing import orgs_with_role
        from ikonnekt.organizations.models import Organisation

        self.fields["owner"].queryset = Organisation.objects.filter(pk__in=orgs_with_role(user))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > 2 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 2 MB."))
        if not f.name.lower().endswith((".csv", ".txt")):
            raise ValidationError(_("Please upload a .csv file."))
        return f


class EventForm(ShareableForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "owner",
            "kind",
            "starts_at",
            "ends_at",
            "location",
            "municipality",
            "latitude",
            "longitude",
            "description",
            "url",
            "visibility",
            "shared_with",
        ]


class CycleForm(ShareableForm):
    class Meta:
        model = OrderCycle
        fields = [
            "name",
            "owner",
            "description",
            "opens_at",
            "closes_at",
            "fee_percent",
            "visibility",
            "shared_with",
        ]
        labels = {"owner": _("Hub")}


class CycleOffersForm(BootstrapForm):
    variants = forms.ModelMultipleChoiceField(
        queryset=ProductVariant.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Offered variants"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["variants"].queryset = (
            ProductVariant.objects.visible_to(user)
            .filter(is_active=True)
            .select_related("product", "product__owner")
            .order_by("product__owner__name", "product__name")
        )
        self.fields["variants"].label_from_instance = lambda v: f"{v.product.owner.name}: {v} – {v.price} €"


class PickupForm(BootstrapModelForm):
    class Meta:
        model = PickupPoint
        fields = [
            "name",
            "address",
            "municipality",
            "latitude",
            "longitude",
            "pickup_from",
            "pickup_until",
            "delivery_fee",
        ]

    def clean(self):
        data = super().clean()
        if (
            data.get("pickup_from")
            and data.get("pickup_until")
            and data["pickup_until"] <= data["pickup_from"]
        ):
            self.add_error("pickup_until", _("The pickup ends before it starts."))
        return data


class CheckoutForm(BootstrapForm):
    pickup_point = forms.ModelChoiceField(
        queryset=PickupPoint.objects.none(),
        label=_("Pickup point"),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    note = forms.CharField(label=_("Note to the hub"), required=False, max_length=300)

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pickup_point"].queryset = cycle.pickup_points.all()
        self.fields["pickup_point"].label_from_instance = lambda p: (
            f"{p.name}, {p.address} ({time_range_text(p.pickup_from, p.pickup_until)})"
            + (f" + {money(p.delivery_fee)}" if p.delivery_fee else "")
        )


class ListingForm(ShareableForm):
    code = forms.CharField(
        label=_("AVV code"), max_length=12, help_text=_("6 digits, e.g. 03 01 05 – search below.")
    )

    class Meta:
        model = Listing
        fields = [
            "kind",
            "owner",
            "title",
            "code",
            "description",
            "quantity",
            "unit",
            "recurrence",
            "municipality",
            "address",
            "logistics",
            "legal_status",
            "evidence",
            "photo",
            "available_from",
            "valid_until",
            "reveal_identity",
            "visibility",
            "shared_with",
        ]
        labels = {"owner": _("Listing organisation")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"].initial = "public"
        self.fields["visibility"].help_text = _("Who may see the listing once a moderator approved it.")
        if self.instance.pk and self.instance.waste_code_id:
            self.fields["code"].initial = self.instance.waste_code.code

    def clean_code(self):
        code = resolve_entry(self.cleaned_data["code"])
        self.instance.waste_code = code
        return code.code

    def clean_quantity(self):
        q = self.cleaned_data["quantity"]
        if q is not None and q <= 0:
            raise ValidationError(_("The quantity must be greater than 0."))
        return q


class ModerationForm(BootstrapForm):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
        label=_("Decision"),
    )
    reason = forms.CharField(
        label=_("Reason (for rejections)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ContactForm(BootstrapModelForm):
    class Meta:
        model = ContactMessage
        fields = ["body", "share_contact"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}


class SavedSearchForm(BootstrapModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name", "kind", "code_prefix", "text", "near", "max_km"]

    def clean_code_prefix(self):
        from ikonnekt.market.wastecodes import normalise_code

        code = normalise_code(self.cleaned_data["code_prefix"])
        if code and (not code.isdigit() or len(code) not in (2, 4, 6)):
            raise ValidationError(_("Enter 2, 4 or 6 digits."))
        return code


class DealForm(BootstrapModelForm):
    class Meta:
        model = Deal
        fields = ["date", "quantity", "tonnes", "transport_km", "counterpart", "note"]
