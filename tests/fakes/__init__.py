"""Local servers that speak the protocols of services Salesboy cannot reach from tests."""
