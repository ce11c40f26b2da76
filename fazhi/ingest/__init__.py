"""Landing report files in the warehouse's raw schema (first step of the flow)."""
