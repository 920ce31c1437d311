"""Extension point: records an upper app knows to be the same claim as one of ours.

The matching app stores reviewers' "same claim" decisions (a desk claim and one of
our fact-checks, an imported ClaimReview or another desk claim). annotations never
imports it: matching registers a provider in its AppConfig.ready(), and the claim's
W3C annotation (exports/w3c.py, `identifying` bodies) shows what the providers
return. A provider decides visibility: the public never learns of desk claims.
"""

from collections.abc import Callable

# provider(claim, user) -> [{"url": absolute or site-relative, "kind": str, "text": str}]
Provider = Callable[[object, object], list[dict]]

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def unregister(provider: Provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def same_claims(claim, user) -> list[dict]:
    """Every provider's records for `claim` that `user` may see, in registration order."""
    return [link for provider in _providers for link in provider(claim, user)]
