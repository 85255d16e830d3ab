import founding from "../../data/documents/blinken-china-visit-2023-06-17.json";
import { type BundledDocumentFile, BundledDocumentFileSchema } from "../../src/model/document";
import agencyVia from "../gold/synthetic-agency-via.json";
import commerceRelease from "../gold/synthetic-commerce-export-controls-release.json";
import coordinated from "../gold/synthetic-coordinated-subjects-summit.json";
import dodBriefing from "../gold/synthetic-dod-press-briefing.json";
import embassyRemarks from "../gold/synthetic-embassy-spokesperson-remarks.json";
import euStatement from "../gold/synthetic-eu-statement-taiwan.json";
import guillemets from "../gold/synthetic-guillemets-straight-quotes.json";
import headline from "../gold/synthetic-headline-speech.json";
import interview from "../gold/synthetic-interview-transcript.json";
import jointStatement from "../gold/synthetic-joint-statement-climate.json";
import mfaPressConference from "../gold/synthetic-mfa-press-conference-south-china-sea.json";
import mofcomQa from "../gold/synthetic-mofcom-spokesperson-qa.json";
import negation from "../gold/synthetic-negation-scope.json";
import newsAnalysis from "../gold/synthetic-news-analysis-analysts.json";
import opEd from "../gold/synthetic-op-ed-ambassador.json";
import pronouns from "../gold/synthetic-pronoun-resolution.json";
import readout from "../gold/synthetic-readout-state-department.json";
import segmentation from "../gold/synthetic-segmentation-abbreviations.json";
import splitQuotes from "../gold/synthetic-split-quotes.json";
import transcript from "../gold/synthetic-transcript-press-conference.json";
import whiteHouseCall from "../gold/synthetic-white-house-call-readout.json";
import wireAnonymous from "../gold/synthetic-wire-anonymous-sources.json";
import wireThirdCountries from "../gold/synthetic-wire-south-china-sea-third-countries.json";
import wireSummitCoordination from "../gold/synthetic-wire-summit-coordination.json";
import xinhuaReadout from "../gold/synthetic-xinhua-readout.json";

/** Every gold document: the founding article (hand-annotated) and the synthetic test articles. */
export const GOLD_DOCUMENTS: readonly BundledDocumentFile[] = [
  founding,
  readout,
  transcript,
  splitQuotes,
  pronouns,
  agencyVia,
  negation,
  guillemets,
  segmentation,
  headline,
  coordinated,
  mfaPressConference,
  wireThirdCountries,
  xinhuaReadout,
  interview,
  wireSummitCoordination,
  commerceRelease,
  euStatement,
  embassyRemarks,
  dodBriefing,
  opEd,
  newsAnalysis,
  mofcomQa,
  whiteHouseCall,
  jointStatement,
  wireAnonymous,
].map((file) => BundledDocumentFileSchema.parse(file));
