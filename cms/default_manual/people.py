"""Champions (user accounts and what may be granted) and integrators (the API)."""

from cms.default_manual import (
    CHAMPIONS,
    INTEGRATORS,
    ROLE_KEEPERS,
    Chapter,
    Topic,
    callout,
    heading,
    related,
    steps,
    text,
)

USERS = Topic(
    slug="creating-and-editing-users",
    title="Creating and editing users",
    summary="Searching for a colleague, creating their account and changing their details or role.",
    help_keys=("users", "users-create", "users-edit", "user"),
    for_roles=CHAMPIONS,
    body=[
        text(
            "Champions create and look after their colleagues' accounts on the "
            "<strong>Users</strong> page. Every change is written to the user "
            "administration history."
        ),
        heading("Creating an account"),
        steps(
            "Select <strong>Users</strong>, then <strong>Create an account</strong>.",
            "Search for the person by name, username or email first. If they already have "
            "an account, even a deactivated one, use that instead.",
            "Enter their full name, a username, and their job title and email.",
            "Choose their role. The list only offers roles with no more rights than yours.",
            "Choose how they get in: an invitation link (valid for 72 hours) or a temporary "
            "password shown to you once.",
            "Select <strong>Create account</strong> and pass the link or password to them "
            "safely, never in the same message as their username.",
        ),
        callout(
            "information",
            "Their own password",
            "Whichever way you choose, the person sets their own password the first time "
            "they sign in. You never know it.",
        ),
        heading("Editing an account"),
        steps(
            "Select <strong>Users</strong> and search for the person.",
            "Open their account and select <strong>Edit</strong>.",
            "Change their details, role, privileges or line manager and save.",
        ),
        text("The line manager matters: safeguarding closure requests go to that person."),
        related("champions/what-you-can-grant", "champions/passwords-and-deactivation"),
    ],
)

RESETS = Topic(
    slug="passwords-and-deactivation",
    title="Resetting passwords and deactivating accounts",
    summary="Helping a colleague who is locked out, and closing the account of someone "
    "who has left.",
    help_keys=("users-reset", "users-deactivate", "users-history"),
    for_roles=CHAMPIONS,
    body=[
        heading("Resetting a password"),
        steps(
            "Open the person's account and select <strong>Reset password</strong>.",
            "Choose an invitation link or a temporary password, as when creating an account.",
            "Give it to the person. Their old password stops working at once.",
        ),
        heading("Deactivating an account"),
        text(
            "When someone leaves, deactivate their account on their last day. Accounts are "
            "never deleted, so that their records keep the name of who made them. A "
            "deactivated account can be reactivated later."
        ),
        callout(
            "warning",
            "The last champion",
            "Casebridge will not let you deactivate or change the last active champion: "
            "someone must always be able to manage accounts.",
        ),
        heading("The history"),
        text(
            "<strong>User administration history</strong> lists every account created, "
            "changed, reset or deactivated, and every failed sign-in, with who did it and "
            "when. Nobody can change or delete it."
        ),
    ],
)

GRANTING = Topic(
    slug="what-you-can-grant",
    title="What you can and cannot grant",
    summary="The rule that keeps account management safe: nobody gives rights they do not "
    "hold themselves.",
    help_keys=("roles", "roles-new", "role-new"),
    for_roles=ROLE_KEEPERS,
    body=[
        heading("The rule"),
        text(
            [
                "You can only give a role whose rights are all rights you hold yourself.",
                "You can only give a privilege, such as managing users, if you hold it.",
                "You cannot edit, reset or deactivate an account with more rights than yours.",
                "Nobody can raise their own rights.",
            ]
        ),
        text(
            "So a champion at a family centre can create practitioners, managers, editors "
            "and integrators, but not a designated safeguarding lead, whose rights go "
            "further. Ask someone who holds those rights, or the platform team."
        ),
        heading("Roles for your organisation"),
        text(
            "Managers can add roles of their own on the <strong>Roles</strong> page, for "
            "example for a volunteer who should only record deliveries."
        ),
        steps(
            "Select <strong>Users</strong>, then <strong>Roles</strong>.",
            "Select <strong>Add a role</strong>, give it a name and a description.",
            "Tick the rights it carries. Only rights you hold are offered.",
        ),
        related("champions/creating-and-editing-users"),
    ],
)

CHAMPIONS_CHAPTER = Chapter(
    slug="champions",
    title="Champions: managing user accounts",
    summary="Creating and editing colleagues' accounts, resets, deactivation and what you "
    "can grant.",
    topics=[USERS, RESETS, GRANTING],
    for_roles=tuple(sorted(set(CHAMPIONS) | set(ROLE_KEEPERS))),
)

TOKENS = Topic(
    slug="api-tokens",
    title="API tokens",
    summary="Creating, keeping and revoking the tokens other systems use to reach your "
    "organisation's data.",
    help_keys=("api-tokens", "api-token-new", "tokens"),
    body=[
        text(
            "Another system, such as your reporting tool, reaches Casebridge through the "
            "API with a token. A token acts for an integrator account and can do only what "
            "that account's role allows."
        ),
        heading("Creating a token"),
        steps(
            "A champion opens <strong>Users</strong>, then <strong>API tokens</strong>.",
            "Under <strong>Create a token</strong>, choose the integrator account the system "
            "will use, give the token a name that says which system uses it, choose whether "
            "it may only read or also record, and when it expires (at most a year).",
            "Copy the token. It is shown only once: only a fingerprint of it is kept.",
            "Store it in the other system's secret settings, never in a document or email.",
        ),
        text(
            "The list shows when each token was last used. Deactivating the integrator "
            "account revokes all its tokens."
        ),
        callout(
            "warning",
            "If a token may have leaked",
            "Revoke it at once and create a new one. A revoked token stops working immediately.",
        ),
        related("integrators/graphql-endpoint"),
    ],
)

GRAPHQL = Topic(
    slug="graphql-endpoint",
    title="The GraphQL endpoint",
    summary="Where the API is, how to authenticate and what it returns.",
    help_keys=("graphql", "api"),
    body=[
        text(
            "Casebridge's API uses GraphQL: one address that answers the questions you "
            "send it. It lives on your organisation's own Casebridge address and only ever "
            "returns your organisation's data."
        ),
        heading("Making a request"),
        steps(
            "Send an HTTP POST to <strong>/graphql/</strong> on your organisation's address.",
            "Put the token in the <strong>Authorization</strong> header as "
            "<strong>Bearer</strong> followed by the token.",
            "Send the query as JSON, and read the answer's <strong>data</strong> and "
            "<strong>errors</strong>.",
        ),
        callout(
            "information",
            "Identifiers",
            "Records are identified by long random ids, not numbers. An id from another "
            "organisation simply finds nothing.",
        ),
        text(
            "The API follows the same rules as the portal: a token can read and change only "
            "what its account may read and change there."
        ),
        related("integrators/api-tokens"),
    ],
)

INTEGRATORS_CHAPTER = Chapter(
    slug="integrators",
    title="Integrators: the API",
    summary="API tokens and the GraphQL endpoint, for people connecting other systems.",
    topics=[TOKENS, GRAPHQL],
    for_roles=INTEGRATORS,
)
