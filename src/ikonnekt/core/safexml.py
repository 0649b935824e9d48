"""Parsing XML from users with a parser that refuses DTDs and entities (billion laughs, XXE).

defusedxml (a declared dependency; openpyxl uses it for the XLSX paths too) does the refusing; this
module gives the rest of the code the same behaviour and a German message.
"""

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _


class UnsafeXML(ValueError):
    """XML that was refused or cannot be read; ``str()`` is the German message."""


def parse(data: bytes) -> Element:
    """The root element; DTDs, entity declarations and external references are refused."""
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeXML(
            _("The XML contains a DTD or entity declarations; these are refused for safety.")
        ) from exc
    except (ParseError, ValueError) as exc:
        raise UnsafeXML(_("The XML is not well-formed (%(error)s).") % {"error": exc}) from exc
