"""FlowSupport bot SDK: talk PROTOCOL.md v1 from Python with automatic reconnect and resume.

    import flowsupport_bot

    async with flowsupport_bot.connect("wss://support.example.com/v1/ws", api_key="fsk_...") as bot:
        await bot.follow_inbox()
        async for event in bot.events():
            ...

Needs only ``websockets`` (and ``msgpack`` for the binary encoding); never the server.
"""

from flowsupport_bot.errors import ConnectionLost, FlowSupportError, Refused
from flowsupport_bot.events import (
    ConversationUpdated,
    Event,
    MessageCreated,
    Other,
    Presence,
    Read,
    Typing,
)
from flowsupport_bot.session import Client, connect

__all__ = [
    "Client",
    "ConnectionLost",
    "ConversationUpdated",
    "Event",
    "FlowSupportError",
    "MessageCreated",
    "Other",
    "Presence",
    "Read",
    "Refused",
    "Typing",
    "connect",
]
__version__ = "0.1.0"
