// Starts the client-side behaviour of GOV.UK Frontend and MoJ Frontend components (progressive
// enhancement: every page works without it). Loaded as <script type="module" nonce="…">.
import { initAll as initGovukFrontend } from '/assets/js/govuk-frontend.min.js';
import { initAll as initMojFrontend } from '/assets/js/moj-frontend.min.js';

initGovukFrontend();
initMojFrontend();
