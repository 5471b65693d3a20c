"""Readers of plan documents into the model (the Neo4j writer lives in graphmodel.neo4j)."""

from __future__ import annotations

from .plans import bundled_plans, read_plan, read_plans

__all__ = ["read_plan", "read_plans", "bundled_plans"]
