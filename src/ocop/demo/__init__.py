"""The Bình Phước demo (`ocop demo`, run by `make run`): the top layer, which loads every app's demo data."""
