"""Signals of the claimreviews app, for the apps built on it (layering: it never imports them).

claimreviews_imported(report): an import stored or changed rows (sent once per import,
after its last batch committed). Claim matching listens, to compute the new records'
vectors in the background, so the first queries after a big import stay fast.
"""

from django.dispatch import Signal

claimreviews_imported = Signal()
