"""Sign-offs: every runbook item only a person can attest, each checked in the sign-off file.

The phase of each item (runbook.toml) is its marker, so `-m predeploy` checks the predeploy sign-offs.
"""

import pytest
from _pytest.mark.structures import ParameterSet

from deploygates.manifest.signoffs import CONTACT_PREFIX, SignoffBook, signoff_items


def signoff_params(contacts: bool) -> list[ParameterSet]:
    return [
        pytest.param(item.id, id=item.id,
                     marks=[pytest.mark.signoff, getattr(pytest.mark, item.phase), pytest.mark.runbook(item.id)])
        for item in signoff_items() if item.id.startswith(CONTACT_PREFIX) == contacts
    ]


@pytest.mark.parametrize("item_id", signoff_params(contacts=False))
def test_signed_off(signoffs: SignoffBook, item_id: str) -> None:
    """A person attested this runbook item recently: who, when and evidence recorded, none a placeholder."""
    problem = signoffs.problem(item_id)
    assert problem is None, problem


@pytest.mark.parametrize("item_id", signoff_params(contacts=True))
def test_emergency_contact_named(signoffs: SignoffBook, item_id: str) -> None:
    """This emergency contact is filled in (not `[CONTACT]`) and was confirmed recently."""
    problem = signoffs.problem(item_id)
    assert problem is None, problem
