"""FlowSupport bot SDK: talk PROTOCOL.md v1 from Python with automatic reconnect and resume.

    async with client.connect("wss://support.example.com/v1/ws", api_key="fsk_...") as bot:
        await bot.subscribe_inbox()
        async for event in bot.events():
            ...

Needs only ``websockets`` (and ``msgpack`` for the binary encoding); never the server.
"""

from client.errors import ConnectionLost, FlowSupportError, Refused
from client.events import (
    ConversationUpdated,
    Event,
    MessageCreated,
    Other,
    Presence,
    Read,
    Typing,
)
from client.session import Client, connect

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
