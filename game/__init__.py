"""Model Citizen: an educational game about citizen scores."""
