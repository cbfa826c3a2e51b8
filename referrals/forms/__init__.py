"""The referrals forms, one module per area: the support line (`calls`), the exchange,
a referral's later steps (`lifecycle`) and a partner's directory entry and webhooks
(`directory`). They parse input only; the consent rules, the lifecycle and who may do
what are in referrals.services and referrals.policy."""
