"""Who may do what (权限): the role a user may act in, and which tickets a user may see and change."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, true

from app.domain.problem import Problem
from app.domain.status import Role
from app.domain.ticket import Ticket
from sync.server.models import FeedRow, UserRow

# The roles a user may act in: a lead also works a seat, an admin also leads.
ACTS_AS: dict[Role, frozenset[Role]] = {
    Role.OPERATOR: frozenset({Role.OPERATOR}),
    Role.TEAM_LEAD: frozenset({Role.OPERATOR, Role.TEAM_LEAD}),
    Role.ADMIN: frozenset({Role.OPERATOR, Role.TEAM_LEAD, Role.ADMIN}),
    Role.DEPARTMENT: frozenset({Role.DEPARTMENT}),
}
LEADS = frozenset({Role.TEAM_LEAD, Role.ADMIN})
# Which ticket field says whose work a ticket is, for the roles bound to one seat or department.
OWNER_FIELD = {Role.OPERATOR: "assigned_seat", Role.DEPARTMENT: "department"}

NOT_YOURS = Problem("server.ticket_not_yours")


def role_of(user: UserRow) -> Role:
    return Role(user.role)


def owns(user: UserRow, ticket: Ticket) -> bool:
    """May the user change the ticket (leads: any; a seat: its assigned ones; a 承办单位: its own)."""
    field = OWNER_FIELD.get(role_of(user))
    return field is None or getattr(ticket, field) == user.seat_id


def can_see(user: UserRow, ticket: Ticket) -> bool:
    """May the user read the ticket: what it owns, and for a seat also the calls it took."""
    return owns(user, ticket) or (role_of(user) is Role.OPERATOR and ticket.seat_id == user.seat_id)


def feed_visibility(user: UserRow) -> ColumnElement[bool]:
    """The feed rows the user pulls: its seat's or department's tickets, including ones moved away."""
    role, seat = role_of(user), user.seat_id
    if role is Role.OPERATOR:
        return or_(FeedRow.assigned_seat == seat, FeedRow.previous_seat == seat, FeedRow.origin_seat == seat)
    if role is Role.DEPARTMENT:
        return or_(FeedRow.department == seat, FeedRow.previous_department == seat)
    return true()
