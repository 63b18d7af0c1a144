"""What every data section of the project report says, drawn from a small network."""
from __future__ import annotations

from verksted.extensions import db
from verksted.networks.models import Network
from verksted.reports import sources


def test_open_answers_are_offered_as_quotes_with_their_gathering(world, ctx):
    network = db.session.get(Network, world.network.id)
    candidates = sources.quote_candidates(network)
    assert sources.QuoteCandidate("Gruppearbeidet", "Samling 1 – åpent svar") in candidates
