// Copies the design system's JavaScript and images next to the compiled CSS.
import { cpSync, mkdirSync } from "node:fs";

const src = "node_modules/govuk-frontend/dist/govuk";
const out = "platform/static/build";
mkdirSync(out, { recursive: true });
cpSync(`${src}/govuk-frontend.min.js`, `${out}/govuk-frontend.min.js`);
cpSync(`${src}/assets/images`, `${out}/assets/images`, { recursive: true });
