"""Inbound e-mail parsing: threading headers, body choice, quote stripping, loop detection."""

from __future__ import annotations

import base64
import hashlib

import pytest

from server.channels.email_parse import (
    Attachment,
    MalformedMail,
    ParsedMail,
    parse_mail,
    payload,
)

GMAIL_REPLY = b"""\
Delivered-To: support@flowsupport.example\r
Received: by 2002:a05:6a10:8c0b:b0:5a1:1b2c:3d4e with SMTP id m11csp123456pxb;\r
        Tue, 3 Mar 2026 01:15:03 -0800 (PST)\r
MIME-Version: 1.0\r
References: <ticket-42.1@flowsupport.example>\r
 <CAJ7x9v+abc@mail.gmail.com>\r
In-Reply-To: <CAJ7x9v+abc@mail.gmail.com>\r
From: Jane Doe <Jane.Doe@gmail.com>\r
Date: Tue, 3 Mar 2026 10:15:02 +0100\r
Message-ID: <CAJ7x9v+def@mail.gmail.com>\r
Subject: Re: [#42] Refund request\r
To: FlowSupport <Support@FlowSupport.example>\r
Cc: accounts@acme.example\r
Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f6"\r
\r
--000000000000a1b2c3d4e5f6\r
Content-Type: text/plain; charset="UTF-8"\r
Content-Transfer-Encoding: quoted-printable\r
\r
Hi,\r
\r
the refund still hasn=E2=80=99t arrived. The order number is 1234.\r
\r
Thanks,\r
Jane\r
\r
--=20\r
Jane Doe | ACME GmbH\r
+49 30 1234567\r
\r
On Mon, Mar 2, 2026 at 4:01=E2=80=AFPM FlowSupport <support@flowsupport.example>\r
wrote:\r
\r
> Hello Jane,\r
>\r
> we have issued the refund; it should arrive within five days.\r
>\r
\r
--000000000000a1b2c3d4e5f6\r
Content-Type: text/html; charset="UTF-8"\r
Content-Transfer-Encoding: quoted-printable\r
\r
<div dir=3D"ltr"><div>Hi,</div><div><br></div><div>the refund still hasn=E2=\r
=80=99t arrived. The order number is 1234.</div><div><br></div><div>Thanks,<=\r
/div><div>Jane</div><div><br></div>-- <br><div dir=3D"ltr" class=3D"gmail_s=\r
ignature"><div>Jane Doe | ACME GmbH</div><div>+49 30 1234567</div></div></d=\r
iv><br><div class=3D"gmail_quote"><div dir=3D"ltr" class=3D"gmail_attr">On =\r
Mon, Mar 2, 2026 at 4:01=E2=80=AFPM FlowSupport &lt;<a href=3D"mailto:suppor=\r
t@flowsupport.example">support@flowsupport.example</a>&gt; wrote:<br></div><=\r
blockquote class=3D"gmail_quote" style=3D"margin:0px 0px 0px 0.8ex">Hello Ja=\r
ne,<br><br>we have issued the refund; it should arrive within five days.<br>=\r
</blockquote></div>\r
\r
--000000000000a1b2c3d4e5f6--\r
"""

OUTLOOK_HTML_REPLY = b"""\
From: =?iso-8859-1?Q?M=FCller=2C_Hans?= <Hans.Mueller@example.de>
To: FlowSupport <support@flowsupport.example>
Subject: AW: [#77] Invoice question
Thread-Topic: [#77] Invoice question
Thread-Index: AQHaZ1b2c3d4e5f6
Date: Tue, 3 Mar 2026 09:12:44 +0000
Message-ID: <AM0PR01MB1234ABCD@AM0PR01MB1234.eurprd01.prod.exchangelabs.com>
In-Reply-To: <ticket-77.3@flowsupport.example>
References: <ticket-77.1@flowsupport.example> <ticket-77.3@flowsupport.example>
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
Content-Type: text/html; charset="windows-1252"
Content-Transfer-Encoding: quoted-printable
MIME-Version: 1.0

<html xmlns:o=3D"urn:schemas-microsoft-com:office:office" xmlns=3D"http://ww=
w.w3.org/TR/REC-html40">
<head>
<meta http-equiv=3D"Content-Type" content=3D"text/html; charset=3Dwindows-12=
52">
<meta name=3D"Generator" content=3D"Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
\t{margin:0cm;
\tfont-size:11.0pt;
\tfont-family:"Calibri",sans-serif;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext=3D"edit" spidmax=3D"1026" />
</xml><![endif]-->
</head>
<body lang=3D"DE" link=3D"#0563C1" vlink=3D"#954F72" style=3D"word-wrap:brea=
k-word">
<div class=3D"WordSection1">
<p class=3D"MsoNormal"><span lang=3D"EN-US">Hello,<o:p></o:p></span></p>
<p class=3D"MsoNormal"><span lang=3D"EN-US"><o:p>&nbsp;</o:p></span></p>
<p class=3D"MsoNormal"><span lang=3D"EN-US">the invoice shows =80&nbsp;120 inst=
ead of =80&nbsp;100 =96 see below:<o:p></o:p></span></p>
<table class=3D"MsoTableGrid" border=3D"1" cellspacing=3D"0" cellpadding=3D"0">
<tr>
<td width=3D"151" valign=3D"top"><p class=3D"MsoNormal"><b>Item<o:p></o:p></b></=
p></td>
<td width=3D"151" valign=3D"top"><p class=3D"MsoNormal"><b>Price<o:p></o:p></b><=
/p></td>
</tr>
<tr>
<td width=3D"151" valign=3D"top"><p class=3D"MsoNormal">Licence<o:p></o:p></p></=
td>
<td width=3D"151" valign=3D"top"><p class=3D"MsoNormal">=80&nbsp;120<o:p></o:p><=
/p></td>
</tr>
</table>
<p class=3D"MsoNormal"><span lang=3D"EN-US">The order is in <a href=3D"https:/=
/portal.example.de/orders/77">our portal</a> and at <a href=3D"https://exampl=
e.de/">https://example.de</a>.<o:p></o:p></span></p>
<p class=3D"MsoNormal"><o:p>&nbsp;</o:p></p>
<p class=3D"MsoNormal">Gr=FC=DFe<o:p></o:p></p>
<p class=3D"MsoNormal">Hans M=FCller<o:p></o:p></p>
<p class=3D"MsoNormal"><o:p>&nbsp;</o:p></p>
<div>
<div style=3D"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm =
0cm">
<p class=3D"MsoNormal"><b>From:</b> FlowSupport &lt;support@flowsupport.example&=
gt; <br>
<b>Sent:</b> Monday, March 2, 2026 4:01 PM<br>
<b>To:</b> M=FCller, Hans &lt;hans.mueller@example.de&gt;<br>
<b>Subject:</b> [#77] Invoice question<o:p></o:p></p>
</div>
</div>
<p class=3D"MsoNormal"><o:p>&nbsp;</o:p></p>
<p class=3D"MsoNormal">Dear Hans, thank you for your message.<o:p></o:p></p>
</div>
</body>
</html>
"""

APPLE_MAIL_REPLY = b"""\
From: Tom Baker <tom@baker.example>
Content-Type: text/plain;
\tcharset=utf-8
Content-Transfer-Encoding: quoted-printable
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.300.61.1.2\\))
Subject: Re: Login problem
Date: Tue, 3 Mar 2026 11:02:31 +0100
References: <ticket-51.2@flowsupport.example>
To: FlowSupport <support@flowsupport.example>
In-Reply-To: <ticket-51.2@flowsupport.example>
Message-Id: <6F1E7C2A-1B2C-4D5E-9F00-ABCDEF012345@baker.example>
X-Mailer: Apple Mail (2.3774.300.61.1.2)

That worked, thank you!
I can log in again.

Tom

On 2 Mar 2026, at 16:01, FlowSupport Customer Care <support@flowsupport.exam=
ple>
wrote:

> Hello Tom,
>=20
> please reset your password here: https://flowsupport.example/reset
>=20
> --=20
> FlowSupport

"""

GERMAN_REPLY = """\
From: =?UTF-8?Q?J=C3=B6rg_Wei=C3=9F?= <joerg@beispiel.de>
To: support@flowsupport.example
Subject: Re: [#108] Lieferung verspätet
Message-ID: <5b3c1f0e-7a2d-4e8b-9c1a-2f3e4d5c6b7a@beispiel.de>
In-Reply-To: <ticket-108.1@flowsupport.example>
User-Agent: Mozilla Thunderbird
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

Hallo,

die Lieferung ist immer noch nicht angekommen. Können Sie bitte beim\x20
Versanddienstleister nachfragen?

Viele Grüße
Jörg

Am 02.03.2026 um 16:01 schrieb FlowSupport:
> Guten Tag,
>
> Ihre Bestellung wurde am 27.02. versandt.
""".encode()

ENCODED_HEADERS = b"""\
From: =?ISO-8859-1?Q?Fran=E7ois_Lef=E8vre?= <Francois.Lefevre@Exemple.FR>
To: =?UTF-8?B?U3VwcG9ydCwgRmxvdw==?= <support@flowsupport.example>
Subject: =?UTF-8?B?UsO8Y2tlcnN0YXR0dW5nIGbDvHIgQmVzdGVsbHVuZyDi?=
 =?UTF-8?B?gJ4xMjM04oCcIOKckw==?=
Message-ID: <20260303101500.1234@exemple.fr>
Content-Type: text/plain; charset=utf-8

Bonjour,
merci.
"""


def mail(headers: str, body: str = "", *, charset: str = "utf-8") -> bytes:
    """A single-part text/plain message: header lines, the declared charset, a UTF-8 body."""
    head = headers.strip("\n") + f"\nContent-Type: text/plain; charset={charset}\n\n"
    return head.encode() + body.encode()


HUMAN = "From: Ana <ana@example.org>\nTo: support@flowsupport.example\nSubject: Question\n"


def test_gmail_reply_keeps_only_the_new_text() -> None:
    """A Gmail reply: plain part chosen, quote, two-line attribution and signature stripped."""
    parsed = parse_mail(GMAIL_REPLY)
    assert parsed.text == (
        "Hi,\n\nthe refund still hasn\u2019t arrived. The order number is 1234.\n\nThanks,\nJane"
    )
    assert parsed.full_text.startswith("Hi,\n\nthe refund")
    assert parsed.full_text.endswith(
        "> we have issued the refund; it should arrive within five days.\n>"
    )
    assert "--\nJane Doe | ACME GmbH" in parsed.full_text
    assert parsed.attachments == ()


def test_gmail_reply_headers() -> None:
    """Threading ids lose their brackets; addresses are lower-cased; recipients are deduplicated."""
    parsed = parse_mail(GMAIL_REPLY)
    assert parsed.message_id == "CAJ7x9v+def@mail.gmail.com"
    assert parsed.in_reply_to == ("CAJ7x9v+abc@mail.gmail.com",)
    assert parsed.references == ("ticket-42.1@flowsupport.example", "CAJ7x9v+abc@mail.gmail.com")
    assert (parsed.from_address, parsed.from_name) == ("jane.doe@gmail.com", "Jane Doe")
    assert parsed.to_addresses == ("support@flowsupport.example", "accounts@acme.example")
    assert parsed.subject == "Re: [#42] Refund request"
    assert parsed.ticket_number == 42
    assert parsed.automated is False


def test_outlook_html_only_reply_in_windows_1252() -> None:
    """Outlook HTML: styles dropped, tables as rows, links kept, the From:/Sent: block cut."""
    parsed = parse_mail(OUTLOOK_HTML_REPLY)
    assert parsed.text == (
        "Hello,\n"
        "\n"
        "the invoice shows \u20ac 120 instead of \u20ac 100 \u2013 see below:\n"
        "Item Price\n"
        "Licence \u20ac 120\n"
        "The order is in our portal (https://portal.example.de/orders/77) and at https://example.de.\n"
        "\n"
        "Gr\u00fc\u00dfe\n"
        "Hans M\u00fcller"
    )
    assert parsed.full_text.endswith(
        "From: FlowSupport <support@flowsupport.example>\n"
        "Sent: Monday, March 2, 2026 4:01 PM\n"
        "To: M\u00fcller, Hans <hans.mueller@example.de>\n"
        "Subject: [#77] Invoice question\n"
        "\n"
        "Dear Hans, thank you for your message."
    )
    assert "Calibri" not in parsed.full_text and "shapedefaults" not in parsed.full_text
    assert parsed.from_name == "M\u00fcller, Hans"
    assert parsed.ticket_number == 77


def test_apple_mail_reply_with_wrapped_attribution() -> None:
    """Apple Mail: "On ... wrote:" over two lines ends the new text, quotes and all."""
    parsed = parse_mail(APPLE_MAIL_REPLY)
    assert parsed.text == "That worked, thank you!\nI can log in again.\n\nTom"
    assert parsed.message_id == "6F1E7C2A-1B2C-4D5E-9F00-ABCDEF012345@baker.example"
    assert parsed.ticket_number is None


def test_german_reply_with_format_flowed() -> None:
    """Thunderbird in German: "Am ... schrieb ...:" ends the text; flowed lines are joined."""
    parsed = parse_mail(GERMAN_REPLY)
    assert parsed.text == (
        "Hallo,\n\n"
        "die Lieferung ist immer noch nicht angekommen. K\u00f6nnen Sie bitte beim "
        "Versanddienstleister nachfragen?\n\n"
        "Viele Gr\u00fc\u00dfe\nJ\u00f6rg"
    )
    assert parsed.subject == "Re: [#108] Lieferung versp\u00e4tet"
    assert parsed.from_name == "J\u00f6rg Wei\u00df"
    assert parsed.ticket_number == 108


def test_encoded_word_subject_and_names() -> None:
    """RFC 2047: UTF-8 B split mid-character over two words; ISO-8859-1 Q; an encoded comma."""
    parsed = parse_mail(ENCODED_HEADERS)
    assert parsed.subject == "R\u00fcckerstattung f\u00fcr Bestellung \u201e1234\u201c \u2713"
    assert parsed.from_name == "Fran\u00e7ois Lef\u00e8vre"
    assert parsed.from_address == "francois.lefevre@exemple.fr"
    assert parsed.to_addresses == ("support@flowsupport.example",)
    assert parsed.text == "Bonjour,\nmerci."


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(40)


def b64(data: bytes) -> str:
    text = base64.b64encode(data).decode()
    return "\n".join(text[i : i + 76] for i in range(0, len(text), 76))


WITH_ATTACHMENTS = f"""\
From: Lea <lea@example.com>
To: support@flowsupport.example
Subject: Invoice attached
Message-ID: <att-1@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/related; boundary="rel"; type="multipart/alternative"

--rel
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=us-ascii

Please find the invoice attached.

Lea
--alt
Content-Type: text/html; charset=us-ascii

<p>Please find the invoice attached.</p><p>Lea<br><img src="cid:logo@example.com"></p>
--alt--

--rel
Content-Type: image/png; name="logo.png"
Content-Disposition: inline; filename="logo.png"
Content-ID: <logo@example.com>
Content-Transfer-Encoding: base64

{b64(PNG)}
--rel--

--outer
Content-Type: application/pdf; name="Rechnung.pdf"
Content-Disposition: attachment; filename*=utf-8''Rechnung%20M%C3%A4rz%202026.pdf
Content-Transfer-Encoding: base64

{b64(PDF)}
--outer
Content-Type: text/plain; charset=us-ascii; name="passwd"
Content-Disposition: attachment; filename="../../etc/passwd"

root:x:0:0:root:/root:/bin/bash
--outer
Content-Type: application/octet-stream
Content-Disposition: attachment; filename="C:\\\\Users\\\\lea\\\\invoice\u202efdp.exe"
Content-Transfer-Encoding: base64

TVqQAAMAAAAEAAAA
--outer--
""".encode()


def test_attachments_in_document_order_with_true_sizes() -> None:
    """The PDF (RFC 2231 name) and the inline logo are listed; the HTML alternative is not."""
    parsed = parse_mail(WITH_ATTACHMENTS)
    assert parsed.text == "Please find the invoice attached.\n\nLea"
    logo, pdf, _, _ = parsed.attachments
    assert logo == Attachment(
        filename="logo.png",
        content_type="image/png",
        size=len(PNG),
        sha256=hashlib.sha256(PNG).hexdigest(),
        inline=True,
    )
    assert pdf == Attachment(
        filename="Rechnung M\u00e4rz 2026.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256=hashlib.sha256(PDF).hexdigest(),
        inline=False,
    )


def test_filenames_are_sanitised() -> None:
    """Path traversal keeps only the last segment; bidi overrides and Windows paths go too."""
    names = [attachment.filename for attachment in parse_mail(WITH_ATTACHMENTS).attachments]
    assert names[2:] == ["passwd", "invoicefdp.exe"]


def test_payload_returns_the_decoded_bytes_in_the_same_order() -> None:
    """payload(i) matches attachments[i]; an index out of range is an IndexError."""
    assert payload(WITH_ATTACHMENTS, 0) == PNG
    assert payload(WITH_ATTACHMENTS, 1) == PDF
    # The line break before a boundary belongs to the boundary (RFC 2046 §5.1.1).
    assert payload(WITH_ATTACHMENTS, 2) == b"root:x:0:0:root:/root:/bin/bash"
    with pytest.raises(IndexError):
        payload(WITH_ATTACHMENTS, 4)
    with pytest.raises(IndexError):
        payload(WITH_ATTACHMENTS, -1)


def test_oversized_attachments_are_listed_not_refused() -> None:
    """A limit below an attachment's size changes nothing: the caller refuses it by its size."""
    small = parse_mail(WITH_ATTACHMENTS, max_attachment_bytes=10)
    assert small == parse_mail(WITH_ATTACHMENTS)
    assert small.attachments[1].size == len(PDF)


FORWARDED_AS_ATTACHMENT = b"""\
From: Sam <sam@example.com>
To: support@flowsupport.example
Subject: See the message below
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain

This is what your partner sent me.
--b
Content-Type: message/rfc822
Content-Disposition: attachment; filename="original.eml"

From: partner@example.net
Subject: Offer
Message-ID: <offer-1@example.net>

Buy now.
--b--
"""


def test_message_rfc822_is_an_attachment() -> None:
    """An attached message is a file to keep, written back as the message it was."""
    parsed = parse_mail(FORWARDED_AS_ATTACHMENT)
    assert parsed.text == "This is what your partner sent me."
    (attachment,) = parsed.attachments
    assert (attachment.filename, attachment.content_type) == ("original.eml", "message/rfc822")
    inner = parse_mail(payload(FORWARDED_AS_ATTACHMENT, 0))
    assert (inner.message_id, inner.text) == ("offer-1@example.net", "Buy now.")
    assert attachment.size == len(payload(FORWARDED_AS_ATTACHMENT, 0))


AUTO_REPLY = b"""\
From: Max Mustermann <max@firma.example>
To: support@flowsupport.example
Subject: Automatic reply: [#42] Refund request
Auto-Submitted: auto-replied
X-Auto-Response-Suppress: All
Content-Type: text/plain; charset=utf-8

I am out of the office until 10 March.
"""

LIST_MAIL = b"""\
From: Release Announcements <announce@lists.example.org>
To: announce@lists.example.org
Subject: [announce] Version 2.0 released
List-Id: Release announcements <announce.lists.example.org>
List-Unsubscribe: <mailto:announce-leave@lists.example.org>
Content-Type: text/plain; charset=utf-8

Version 2.0 is out.
"""

BOUNCE = b"""\
Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.flowsupport.example>
To: support@flowsupport.example
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"

--dsn
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.flowsupport.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

--dsn
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.flowsupport.example

Final-Recipient: rfc822; nobody@example.com
Action: failed
Status: 5.1.1

--dsn
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: support@flowsupport.example
To: nobody@example.com
Subject: [#9] Your request

--dsn--
"""


@pytest.mark.parametrize("raw", [AUTO_REPLY, LIST_MAIL, BOUNCE], ids=["auto", "list", "bounce"])
def test_machine_mail_is_automated(raw: bytes) -> None:
    """Auto-replies, list mail and bounces must never get an auto-acknowledgement."""
    assert parse_mail(raw).automated is True


@pytest.mark.parametrize(
    "header",
    [
        "Auto-Submitted: auto-generated",
        "Precedence: bulk",
        "Precedence: junk",
        "Precedence: list",
        "Precedence: auto_reply",
        "X-Autoreply: yes",
        "X-Autorespond: yes",
        "X-Auto-Response-Suppress: DR, OOF",
        "X-Auto-Response-Suppress: AutoReply",
        "Return-Path: < >",
        "List-Unsubscribe: <https://lists.example.org/u>",
        "Sender: x@y\nFrom: postmaster@example.org",
    ],
)
def test_each_loop_signal_alone_marks_mail_automated(header: str) -> None:
    """Any one RFC 3834 or vendor signal is enough."""
    assert parse_mail(mail(f"To: support@flowsupport.example\n{header}\n", "hi")).automated


def test_human_mail_is_not_automated() -> None:
    """A person's mail, even one that says it does not want auto-replies to itself, is human."""
    raw = mail(HUMAN + "Auto-Submitted: no\nX-Auto-Response-Suppress: DR, RN\n", "Hello?")
    parsed = parse_mail(raw)
    assert parsed.automated is False
    assert parsed.text == "Hello?"


def test_bounce_parts_are_attachments() -> None:
    """The DSN's report and returned headers are kept as files; its notice is the body."""
    parsed = parse_mail(BOUNCE)
    assert parsed.from_address == "mailer-daemon@mx.flowsupport.example"
    types = [attachment.content_type for attachment in parsed.attachments]
    assert types == ["message/delivery-status", "text/rfc822-headers"]
    assert b"Status: 5.1.1" in payload(BOUNCE, 0)
    assert parsed.text.startswith("This is the mail system at host mx.flowsupport.example.")


@pytest.mark.parametrize(
    ("subject", "number"),
    [
        ("Re: [#42] Refund request", 42),
        ("Re: Ticket #42: x", 42),
        ("AW: WG: [Acme Support #7] Login", 7),
        ("ticket#5 follow-up", 5),
        ("[#3] first [#4] second", 3),
        ("Question about order #1234", None),
        ("abc#1 and x#2", None),
        ("[#42abc] not a tag", None),
        ("Ticket #99999999999999999999", None),
        ("Re: Refund request", None),
        ("", None),
    ],
)
def test_ticket_number_from_the_subject(subject: str, number: int | None) -> None:
    """Only our tag counts: [#n], [Name #n] or "ticket #n"; never a bare "#n" or "x#1"."""
    raw = mail(f"From: a@example.com\nSubject: {subject}\n", "x")
    assert parse_mail(raw).ticket_number == number


def test_no_message_id_and_an_empty_body() -> None:
    """Neither is an error: the caller gets None and empty strings."""
    parsed = parse_mail(b"From: someone@example.com\nSubject:\n\n")
    assert parsed == ParsedMail(
        message_id=None,
        in_reply_to=(),
        references=(),
        from_address="someone@example.com",
        from_name=None,
        to_addresses=(),
        subject="",
        text="",
        full_text="",
        attachments=(),
        automated=False,
        ticket_number=None,
    )


@pytest.mark.parametrize("raw", [b"", b"\x00\xff", b"\n\nHello", b"just some words\nand more"])
def test_bytes_without_a_header_block_are_malformed(raw: bytes) -> None:
    """Nothing to thread or answer: MalformedMail, a ValueError."""
    with pytest.raises(MalformedMail):
        parse_mail(raw)
    with pytest.raises(ValueError, match="no header block"):
        payload(raw, 0)


GMAIL_FORWARD = b"""\
From: Jane Doe <jane.doe@gmail.com>
To: support@flowsupport.example
Subject: Fwd: Your order 1234 has shipped
Content-Type: text/plain; charset="UTF-8"

Hi, the tracking link in this mail does not work.

---------- Forwarded message ---------
From: Shop <noreply@shop.example>
Date: Mon, Mar 2, 2026 at 9:00 AM
Subject: Your order 1234 has shipped
To: <jane.doe@gmail.com>

Track it here: https://shop.example/track/1234

> quoted in the original, still content
"""

APPLE_FORWARD = b"""\
From: Tom Baker <tom@baker.example>
To: support@flowsupport.example
Subject: Fwd: Invoice
Content-Type: text/plain; charset=us-ascii

See below.

Sent from my iPhone

Begin forwarded message:

From: Billing <billing@vendor.example>
Date: 2 March 2026 at 09:00:00 CET
To: Tom Baker <tom@baker.example>
Subject: Invoice

Your invoice is attached.
"""

OUTLOOK_FORWARD = b"""\
From: Kim <kim@corp.example>
To: support@flowsupport.example
Subject: FW: Contract renewal
Content-Type: text/plain; charset=us-ascii

Can you help with this one?

________________________________
From: Legal <legal@corp.example>
Sent: Monday, March 2, 2026 4:01 PM
To: Kim <kim@corp.example>
Subject: Contract renewal

The contract ends on 31 March.
"""


def test_gmail_forward_is_kept_whole() -> None:
    """A forward is content: its header block and even its quotes stay."""
    parsed = parse_mail(GMAIL_FORWARD)
    assert parsed.text == parsed.full_text
    assert parsed.text.endswith(
        "https://shop.example/track/1234\n\n> quoted in the original, still content"
    )


def test_apple_forward_is_kept_and_the_footer_dropped() -> None:
    """ "Begin forwarded message:" is content; the iPhone footer above it is not."""
    assert parse_mail(APPLE_FORWARD).text == (
        "See below.\n"
        "\n"
        "Begin forwarded message:\n"
        "\n"
        "From: Billing <billing@vendor.example>\n"
        "Date: 2 March 2026 at 09:00:00 CET\n"
        "To: Tom Baker <tom@baker.example>\n"
        "Subject: Invoice\n"
        "\n"
        "Your invoice is attached."
    )


def test_outlook_forward_keeps_its_header_block() -> None:
    """Under an "FW:" subject Outlook's rule and From:/Sent: block start a forward, not a quote."""
    parsed = parse_mail(OUTLOOK_FORWARD)
    assert parsed.text == parsed.full_text
    assert parsed.text.endswith("Subject: Contract renewal\n\nThe contract ends on 31 March.")


def test_outlook_reply_rule_and_header_block_are_cut() -> None:
    """The same block under "RE:" is the quoted original: cut from the rule down."""
    raw = OUTLOOK_FORWARD.replace(b"FW: Contract", b"RE: Contract")
    assert parse_mail(raw).text == "Can you help with this one?"


def test_outlook_original_message_separator() -> None:
    """Classic Outlook "-----Original Message-----" and everything under it goes."""
    body = (
        "Yes, please cancel it.\n\n"
        "-----Original Message-----\n"
        "From: FlowSupport [mailto:support@flowsupport.example]\n"
        "Sent: Monday, March 2, 2026 4:01 PM\n"
        "Subject: [#12] Cancel?\n\n"
        "Shall we cancel the order?\n"
    )
    assert parse_mail(mail(HUMAN, body)).text == "Yes, please cancel it."


def test_mobile_footers_and_quotes() -> None:
    """iOS and Outlook mobile footers go; a quoted attribution goes with its quote."""
    body = (
        "Order 1234, thanks.\n\n"
        "Get Outlook for iOS<https://aka.ms/o0ukef>\n\n"
        "Sent from my iPhone\n\n"
        "> On 2 Mar 2026, at 16:01, FlowSupport <support@flowsupport.example> wrote:\n"
        ">\n"
        "> Which order?\n\n\n"
    )
    assert parse_mail(mail(HUMAN, body)).text == "Order 1234, thanks."


def test_inline_answers_between_quotes() -> None:
    """Quoted lines go and leave one blank line behind; the answers stay in order."""
    body = (
        "> Which order?\n\n1234\n\n> Which address?\n>\n\n\nMain Street 1\nSpringfield\n--\nAna\n"
    )
    assert parse_mail(mail(HUMAN, body)).text == "1234\n\nMain Street 1\nSpringfield"


def test_a_lone_quote_keeps_the_full_text() -> None:
    """Stripping that would leave nothing gives the whole body back instead."""
    body = "> I only forwarded the quote.\n>\n"
    parsed = parse_mail(mail(HUMAN, body))
    assert parsed.text == parsed.full_text == "> I only forwarded the quote.\n>"


def test_new_text_that_merely_mentions_wrote_stays() -> None:
    """A line starting "On" without a date is not an attribution."""
    body = "On the invoice your colleague\nwrote: paid in full.\n"
    assert (
        parse_mail(mail(HUMAN, body)).text == "On the invoice your colleague\nwrote: paid in full."
    )


@pytest.mark.parametrize(
    "attribution",
    [
        "Le mar. 3 mars 2026 \u00e0 10:15, Jane Doe <jane@example.com> a \u00e9crit :",
        "El mar, 3 mar 2026 a las 10:15, Jane Doe (<jane@example.com>) escribi\u00f3:",
        "Op di 3 mrt 2026 om 10:15 schreef Jane Doe <jane@example.com>:",
        "Am Di., 3. M\u00e4rz 2026 um 10:15 Uhr schrieb Jane Doe <jane@example.com>:",
    ],
)
def test_translated_attributions(attribution: str) -> None:
    """Gmail's attribution in French, Spanish, Dutch and German ends the new text."""
    body = f"Merci !\n\n{attribution}\n\n> Bonjour\n"
    assert parse_mail(mail(HUMAN, body)).text == "Merci !"


WEB_FORM_HTML = """\
<!DOCTYPE html>
<html><head><title>Contact form</title>
<style>body { font-family: sans-serif }</style>
<script>trackOpen("abc")</script></head>
<body>
<h1>New   contact
request</h1>
<p>Name: Ana&nbsp;P&eacute;rez &amp; Co.</p>
<p>Problems:</p>
<ul><li>Cannot log in</li><li>Password reset mail &lt;never&gt; arrives</li></ul>
<p>See <a href="https://example.org/help">https://example.org/help/</a> and
<a href="mailto:ana@example.org">write to me</a> or <a href="#top">top</a>.</p>
<br><br><br><br><br>
<div>Bye</div>
<blockquote><div>earlier text</div></blockquote>
</body></html>
"""


def test_html_only_mail_becomes_clean_text() -> None:
    """Scripts, styles and the head go; blocks, lists, links, entities become plain text."""
    raw = mail(HUMAN, "").replace(b"text/plain", b"text/html") + WEB_FORM_HTML.encode()
    parsed = parse_mail(raw)
    assert parsed.full_text == (
        "New contact request\n"
        "\n"
        "Name: Ana P\u00e9rez & Co.\n"
        "\n"
        "Problems:\n"
        "\n"
        "- Cannot log in\n"
        "- Password reset mail <never> arrives\n"
        "\n"
        "See https://example.org/help/ and write to me (mailto:ana@example.org) or top.\n"
        "\n"
        "\n"
        "Bye\n"
        "> earlier text"
    )
    assert parsed.text == parsed.full_text.removesuffix("\n> earlier text")


def test_declared_charset_wrong_or_unknown() -> None:
    """Bytes that are not the declared charset fall back to UTF-8, then Windows-1252."""
    latin = mail(HUMAN, "", charset="utf-8") + "Gr\u00fc\u00dfe \u2013 J\u00f6rg".encode("cp1252")
    assert parse_mail(latin).text == "Gr\u00fc\u00dfe \u2013 J\u00f6rg"
    unknown = mail(HUMAN, "", charset="x-unknown") + "na\u00efve caf\u00e9".encode()
    assert parse_mail(unknown).text == "na\u00efve caf\u00e9"
    binary = mail(HUMAN, "", charset="zlib") + b"plain \x00words"
    assert parse_mail(binary).text == "plain words"


def test_raw_8bit_headers_are_decoded() -> None:
    """Unencoded UTF-8 or Latin-1 header bytes from careless clients still read right."""
    raw = "From: J\u00f6rg <j@example.de>\nSubject: Gr\u00fc\u00dfe\n\nhi\n".encode("latin-1")
    parsed = parse_mail(raw)
    assert (parsed.from_name, parsed.subject) == ("J\u00f6rg", "Gr\u00fc\u00dfe")
    raw = "From: J\u00f6rg <j@example.de>\nSubject: Gr\u00fc\u00dfe\n\nhi\n".encode()
    assert parse_mail(raw).subject == "Gr\u00fc\u00dfe"


def test_recipients_include_delivery_headers_once() -> None:
    """To, Cc, Delivered-To and X-Original-To, lower-cased, each address once, in that order."""
    raw = mail(
        "From: a@example.com\n"
        "X-Original-To: help@flowsupport.example\n"
        "Delivered-To: Support@FlowSupport.example\n"
        'To: "Support, Flow" <support@flowsupport.example>, undisclosed-recipients:;\n'
        "Cc: b@example.com, B@Example.com\n",
        "x",
    )
    assert parse_mail(raw).to_addresses == (
        "support@flowsupport.example",
        "b@example.com",
        "help@flowsupport.example",
    )


def test_threading_ids_survive_sloppy_headers() -> None:
    """Unbracketed, commented and repeated ids are read; a Message-ID without an @ is None."""
    raw = mail(
        "From: a@example.com\n"
        "Message-ID: not-an-id\n"
        "In-Reply-To: <a@x> (Jane's message of Mon, 2 Mar 2026)\n"
        "References: <a@x>\n <b@x> <a@x>  <broken@x\n",
        "x",
    )
    parsed = parse_mail(raw)
    assert parsed.message_id is None
    assert parsed.in_reply_to == ("a@x",)
    assert parsed.references == ("a@x", "b@x")
    bare = parse_mail(mail("From: a@example.com\nIn-Reply-To: c@x\n", "x"))
    assert bare.in_reply_to == ("c@x",)


def test_a_header_the_default_policy_cannot_read() -> None:
    """A NUL in an RFC 2231 charset makes policy.default raise; the mail is still read."""
    raw = (
        b"From: =?utf-8?q?Ana_P=C3=A9rez?= <ana@example.org>\n"
        b"Subject: Scan\n"
        b"Content-Type: multipart/mixed; boundary=b\n\n"
        b"--b\nContent-Type: text/plain; charset=utf-8\n\nSee the scan.\n"
        b"--b\nContent-Type: application/pdf\n"
        b"Content-Disposition: attachment; filename*=utf\x00-8''scan.pdf\n\n%PDF\n--b--\n"
    )
    parsed = parse_mail(raw)
    assert (parsed.from_name, parsed.text) == ("Ana P\u00e9rez", "See the scan.")
    assert [(a.filename, a.size) for a in parsed.attachments] == [("attachment", 4)]
    assert payload(raw, 0) == b"%PDF"


def nested(depth: int) -> bytes:
    """A text part inside ``depth`` levels of multipart/mixed."""
    opening = b"".join(
        b"--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n" % (i, i + 1) for i in range(depth)
    )
    closing = b"".join(b"--b%d--\n" % i for i in range(depth, -1, -1))
    head = b"From: a@example.com\nContent-Type: multipart/mixed; boundary=b0\n\n"
    return head + opening + b"--b%d\nContent-Type: text/plain\n\nhi\n" % depth + closing


def test_absurd_nesting_is_malformed() -> None:
    """Nesting no client produces is refused before anything recurses over it."""
    assert parse_mail(nested(10)).text == "hi"
    with pytest.raises(MalformedMail, match="nested too deeply"):
        parse_mail(nested(60))


def test_outlook_list_markup_and_bogus_marked_sections() -> None:
    """Word's <![if !supportLists]> is skipped; a "<![word" the stdlib asserts on is too."""
    html = (
        '<p class="MsoListParagraph"><![if !supportLists]><span>1.<span>&nbsp;&nbsp; '
        "</span></span><![endif]>Restart the app<o:p></o:p></p>"
        "<p>Then <![en-US]> log in.</p>"
    )
    raw = mail(HUMAN).replace(b"text/plain", b"text/html") + html.encode()
    assert parse_mail(raw).text == "1. Restart the app\n\nThen log in."


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<a " * 50_000, "<a" + " <a" * 49_999),
        ("<!-- a " * 3, "<!-- a <!-- a <!-- a"),
        ("<script>" + "</" * 50_000, ""),
        ('<a href="https://x.example/">t ' * 10_000, "t (https://x.example/) " * 9_999 + "t"),
    ],
    ids=["unclosed-tags", "unclosed-comments", "unclosed-end-tags", "nested-links"],
)
def test_hostile_html_is_read_in_linear_time(html: str, text: str) -> None:
    """Unclosed constructs become text; on CPython's quadratic parser they would take minutes."""
    raw = mail(HUMAN).replace(b"text/plain", b"text/html") + html.encode()
    assert parse_mail(raw).text == text.strip()


def test_a_long_line_that_looks_like_an_attribution() -> None:
    """Attributions are short; a huge "Am ... schrieb" line is text, read in linear time."""
    line = "Am " + "schrieb " * 10_000 + ":"
    assert parse_mail(mail(HUMAN, line)).text == line


def test_gmail_html_only_reply_quotes_become_quote_lines() -> None:
    """Without a plain part, the blockquote turns into "> " lines and is stripped like one."""
    plain_start = GMAIL_REPLY.index(b"--000000000000a1b2c3d4e5f6\r\nContent-Type: text/plain")
    html_start = GMAIL_REPLY.index(b"--000000000000a1b2c3d4e5f6\r\nContent-Type: text/html")
    parsed = parse_mail(GMAIL_REPLY[:plain_start] + GMAIL_REPLY[html_start:])
    assert parsed.text == parse_mail(GMAIL_REPLY).text
    assert parsed.full_text.endswith(
        "<support@flowsupport.example> wrote:\n"
        "> Hello Jane,\n"
        ">\n"
        "> we have issued the refund; it should arrive within five days."
    )


SCREENSHOT_IN_HTML = b"""\
From: Ana <ana@example.org>
Subject: Error
Content-Type: multipart/alternative; boundary=A

--A
Content-Type: text/plain; charset=us-ascii

See the screenshot.

--A
Content-Type: multipart/related; boundary=R

--R
Content-Type: text/html; charset=us-ascii

<div>See the screenshot.<br><img src="cid:shot"></div>
--R
Content-Type: image/png
Content-ID: <shot>
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--R--
--A
Content-Type: text/watch-html; charset=us-ascii

<b>See the screenshot.</b>
--A--
"""


def test_a_screenshot_in_the_html_alternative_is_kept() -> None:
    """The plain part is the body, yet the image only the HTML shows is an inline file;
    the other renderings (HTML, watch-html) are not files."""
    parsed = parse_mail(SCREENSHOT_IN_HTML)
    assert parsed.text == "See the screenshot."
    (image,) = parsed.attachments
    assert (image.filename, image.content_type, image.inline) == ("attachment", "image/png", True)
    assert payload(SCREENSHOT_IN_HTML, 0) == b"\x89PNG\r\n\x1a\n"
