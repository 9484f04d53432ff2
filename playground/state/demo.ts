// The demo model and its sample leads, loaded by `npm start` and by "Reset to demo".
import demoSource from "../../examples/demo.score?raw";
import demoLeads from "../../examples/leads.json";
import type { LeadData } from "./leads.js";

export const DEMO_ID = "demo";
export const DEMO_NAME = "Demo model";
export const DEMO_SOURCE: string = demoSource;
export const DEMO_LEADS: readonly LeadData[] = demoLeads as LeadData[];

/**
 * The demo is scored as of a fixed day, the one examples/README.md uses (the day after the sample
 * data's last event), so "within 30 days" means the same leads however long after it was made the
 * playground is opened.
 */
export const DEMO_AS_OF = "2026-11-15";
