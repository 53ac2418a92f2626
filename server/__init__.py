"""FlowSupport server: realtime chat, knowledge-base answers, tickets."""

__version__ = "0.1.0"
