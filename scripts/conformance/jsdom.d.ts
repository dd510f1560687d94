/** The one jsdom entry point the checks use (see dom.ts for why not @types/jsdom). */
declare module "jsdom" {
  export class JSDOM {
    constructor(html?: string, options?: { url?: string });
    readonly window: { document: unknown };
  }
}
