"""Signals for apps above annotations (layering: annotations never imports them).

source_link_added(source=Source): a source was attached, or its URL changed, inside the
writing transaction. Receivers must only enqueue work (fetching archives the link): the
signal is sent on the write path of every source.
"""

from django.dispatch import Signal

source_link_added = Signal()
