"""An echo bot: answers every visitor message in the tenant's inbox.

    FLOWSUPPORT_URL=ws://127.0.0.1:8000/v1/ws FLOWSUPPORT_API_KEY=fsk_... \\
        python -m flowsupport_bot.examples.echo

Its replies use ``echo-<message id>`` as client_msg_id, so a bot restarted in the middle of
a conversation never answers the same message twice.
"""

from __future__ import annotations

import asyncio
import logging
import os

from flowsupport_bot import MessageCreated, connect


async def run(url: str, api_key: str, *, max_backoff_s: float = 30.0) -> None:
    async with connect(url, api_key=api_key, max_backoff_s=max_backoff_s) as bot:
        await bot.follow_inbox()
        async for event in bot.events():
            if isinstance(event, MessageCreated) and event.message.sender.kind == "visitor":
                await bot.send_message(
                    event.conversation_id,
                    f"You said: {event.message.body}",
                    client_msg_id=f"echo-{event.message.id}",
                )


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    asyncio.run(run(os.environ["FLOWSUPPORT_URL"], os.environ["FLOWSUPPORT_API_KEY"]))


if __name__ == "__main__":
    main()
