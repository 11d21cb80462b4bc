"""The book's data layer: validated tables and computed verdicts."""

from claimcheck.tables import DATA_DIR, DataError, load_table, resource_names, validate_all, validate_table
from claimcheck.verdicts import VERDICTS, Verdict, format_number, judge, qualifier_of, rounding_tolerance

__all__ = ["DATA_DIR", "DataError", "load_table", "resource_names", "validate_all",
           "validate_table", "VERDICTS", "Verdict", "format_number", "judge", "qualifier_of",
           "rounding_tolerance"]
