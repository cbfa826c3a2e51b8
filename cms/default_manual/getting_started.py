"""Getting started: for everyone."""

from cms.default_manual import Chapter, Topic, callout, definitions, heading, related, steps, text

WELCOME = Topic(
    slug="welcome",
    title="Welcome to Casebridge",
    summary="What Casebridge is for, how to sign in and what your home page shows.",
    help_keys=("home", "sign-in"),
    body=[
        text(
            "Casebridge is where your organisation keeps its casework and refers people "
            "to partner organisations with their consent. Your organisation's records are "
            "kept apart from every other organisation's: nobody outside it can see them, "
            "and a referral carries only what the person agreed to share."
        ),
        heading("Signing in"),
        steps(
            "Go to your organisation's own Casebridge address. Your champion can tell you "
            "what it is.",
            "Enter your username and password, then select <strong>Sign in</strong>.",
            "If your account uses one-time passwords, enter the six-digit code from your "
            "authenticator app.",
        ),
        callout(
            "warning",
            "Signing in fails several times",
            "After five failed attempts your username is locked for a short time on that "
            "device. Wait, then try again, or ask your champion to reset your password.",
        ),
        heading("Your home page"),
        text(
            "The home page is the starting point for your day. As features are added it "
            "shows your caseload, your tasks and the safeguarding cases you are involved "
            "in. The menu at the top takes you to the other screens your role allows."
        ),
        heading("Signing out"),
        text(
            "Select <strong>Sign out</strong> at the top of any page when you finish, "
            "especially on a shared computer. Casebridge also signs you out after a period "
            "without activity, and at the latest ten hours after you signed in."
        ),
        related("start/terminology", "start/your-account"),
    ],
)

TERMINOLOGY = Topic(
    slug="terminology",
    title="Terms used in Casebridge",
    summary="The words Casebridge uses for people, pieces of work and the rights staff hold.",
    help_keys=("terminology",),
    body=[
        text("These words have a particular meaning in Casebridge and in this manual."),
        heading("People and records"),
        definitions(
            (
                "Contact",
                "A person your organisation works with or holds information about: a child "
                "or an adult. Each contact has a client ID.",
            ),
            (
                "Household",
                "The people who live together at one address. Every contact belongs to one "
                "household.",
            ),
            (
                "Engagement",
                "A piece of work with a child on one of your programmes, from referral or "
                "application to closure.",
            ),
            (
                "Delivery",
                "One recorded instance of a service given within an engagement, such as a "
                "session attended.",
            ),
            (
                "Consultation",
                "A recorded conversation about a child with other people, such as a parent, "
                "a teacher or a health visitor.",
            ),
            (
                "Safeguarding case",
                "A record opened when there is a concern about a child's safety or "
                "welfare. It is monitored until a manager approves its closure.",
            ),
            (
                "Referral",
                "Passing a person to a partner organisation, with their consent, so that the "
                "partner can help them. The outcome comes back to you.",
            ),
        ),
        heading("Staff and rights"),
        definitions(
            ("Partner", "An organisation that uses Casebridge. Each has its own portal."),
            (
                "Role",
                "The named set of rights that comes with your account, such as practitioner "
                "or manager.",
            ),
            (
                "Privilege",
                "A right given to an account one at a time, such as managing users.",
            ),
            (
                "Champion",
                "A member of staff who creates and looks after colleagues' accounts.",
            ),
            ("Editor", "A member of staff who keeps this manual up to date."),
        ),
    ],
)

ACCOUNT = Topic(
    slug="your-account",
    title="Your account and password",
    summary="Choosing your password, changing it and setting up one-time passwords.",
    help_keys=(
        "account",
        "account-password",
        "account-invitation",
        "two-factor",
        "account-security",
    ),
    body=[
        heading("Your first sign-in"),
        text(
            "Your champion creates your account and either sends you an invitation link or "
            "gives you a temporary password. Either way, you choose your own password "
            "before you can do anything else."
        ),
        callout(
            "information",
            "Invitation links",
            "An invitation link works once and only for 72 hours. If yours has expired, "
            "ask your champion for a new one.",
        ),
        heading("Choosing a good password"),
        text(
            [
                "Use at least 12 characters. Three or four unrelated words work well.",
                "Do not use your name, your username or a password you use elsewhere.",
                "Never share your password, not even with your champion.",
            ]
        ),
        heading("Setting up one-time passwords"),
        steps(
            "Select <strong>My account</strong> at the top of the page.",
            "Choose to set up one-time passwords and scan the code with an authenticator "
            "app on your phone.",
            "Enter the six-digit code the app shows to confirm it works.",
        ),
        callout(
            "warning",
            "If you lose your phone",
            "Tell your champion straight away. They can remove the lost device so that "
            "you can set up a new one.",
        ),
    ],
)

USING_THE_MANUAL = Topic(
    slug="using-the-manual",
    title="Using this manual",
    summary="Finding the page you need, and who keeps the manual up to date.",
    help_keys=("manual", "manual-search"),
    body=[
        heading("Help on every screen"),
        text(
            "Every screen has a <strong>Help</strong> link at the top. It opens the page of "
            "this manual that explains that screen. Where there is no such page yet, it "
            "opens the start of the manual."
        ),
        heading("Browsing and searching"),
        steps(
            "Select <strong>Help</strong>, then <strong>User manual</strong> in the trail "
            "at the top of the page to see every chapter written for your role.",
            "Or type a few words into the search box, for example “close an engagement”.",
        ),
        callout(
            "information",
            "You see what applies to you",
            "Some pages are written for particular roles. You only see the ones that apply "
            "to yours.",
        ),
        heading("Keeping it up to date"),
        text(
            "Your organisation's editors keep this manual current. A change they make is "
            "checked and approved by a manager before anyone sees it. If something here is "
            "wrong or missing, tell an editor."
        ),
    ],
)

CHAPTER = Chapter(
    slug="start",
    title="Getting started",
    summary="Signing in, the words Casebridge uses, your account and this manual.",
    topics=[WELCOME, TERMINOLOGY, ACCOUNT, USING_THE_MANUAL],
)
