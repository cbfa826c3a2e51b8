"""Case plan screens, thin: parse with a form, call one service or selector, render. A
record the user may not see is 404; the rules are casework.plans.policy's."""
