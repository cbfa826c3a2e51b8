"""The partner directory published in Open Referral UK's shape (HSDS 3.0 profile): ids,
taxonomies, serialisers and the queries behind /oruk/. Public facts about services only."""
