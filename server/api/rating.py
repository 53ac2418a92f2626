"""The page a signed rating link opens (e-mail, SMS and WhatsApp customers).

`GET /v1/csat/{token}` shows the five choices; `GET /v1/csat/{token}?rating=N` records N at
once (the e-mail's one-click links) and offers a comment; `POST` (a form: rating, comment?)
records both. A second rating of the same resolution replaces the first. A tampered link
answers 403, an expired one 410; nothing is recorded by either.
"""

from __future__ import annotations

import html
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse

from server.api.body import read_limited
from server.api.web import PAGE_HEADERS
from server.errors import BadRequest, FlowSupportError, Unauthorized
from server.protocol.codes import MAX_CSAT_COMMENT_CHARS
from server.services.container import Services

FORM_BYTES = 16_384
LABELS = {5: "Great", 4: "Good", 3: "Okay", 2: "Poor", 1: "Very poor"}


async def rating_page(request: Request) -> HTMLResponse:
    services: Services = request.app.state.services
    token = request.path_params["token"]
    try:
        if request.method == "POST":
            form = parse_qs((await read_limited(request, FORM_BYTES)).decode(errors="replace"))
            raw, comment = _first(form, "rating"), _first(form, "comment")
        else:
            raw, comment = request.query_params.get("rating"), None
        if raw is None:
            services.csat.links.verify(token)  # a bad link says so before anything is chosen
            return _page("How did we do?", _choices(token), 200)
        rating = _rating(raw)
        if comment is not None and len(comment) > MAX_CSAT_COMMENT_CHARS:
            raise BadRequest(f"the comment is over {MAX_CSAT_COMMENT_CHARS} characters")
        await services.csat.redeem(token, rating, comment)
    except Unauthorized as exc:
        if exc.message == "token expired":
            return _page("This link has expired", "<p>Thank you all the same.</p>", 410)
        return _page("This link is not valid", "<p>Nothing was recorded.</p>", 403)
    except FlowSupportError as exc:
        return _page("Not recorded", f"<p>{html.escape(exc.message)}</p>", exc.http_status)
    thanks = f"<p>You rated us {rating} of 5 ({LABELS[rating].lower()}). Thank you!</p>"
    if request.method == "GET":
        thanks += _comment_form(token, rating)
    return _page("Thank you", thanks, 200)


def _rating(raw: str) -> int:
    if raw.strip() not in {"1", "2", "3", "4", "5"}:
        raise BadRequest("the rating must be a whole number from 1 to 5")
    return int(raw.strip())


def _first(form: dict[str, list[str]], name: str) -> str | None:
    values = form.get(name)
    return values[0] if values else None


def _choices(token: str) -> str:
    base = html.escape(f"/v1/csat/{token}", quote=True)
    links = "".join(
        f'<li><a href="{base}?rating={n}">{n} &ndash; {LABELS[n]}</a></li>' for n in LABELS
    )
    return f"<p>Choose one:</p><ul>{links}</ul>"


def _comment_form(token: str, rating: int) -> str:
    action = html.escape(f"/v1/csat/{token}", quote=True)
    return (
        f'<form method="post" action="{action}">'
        f'<input type="hidden" name="rating" value="{rating}">'
        '<p><label for="comment">Anything you would like to add?</label></p>'
        f'<p><textarea id="comment" name="comment" rows="4" cols="50" '
        f'maxlength="{MAX_CSAT_COMMENT_CHARS}"></textarea></p>'
        '<p><button type="submit">Send</button></p></form>'
    )


def _page(title: str, body: str, status: int) -> HTMLResponse:
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )
    # The token is a credential: never sent on as a Referer (PAGE_HEADERS: no-referrer).
    return HTMLResponse(page, status_code=status, headers=PAGE_HEADERS)
