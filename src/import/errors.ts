/** A failed import: one line that says what happened and what to try. Nothing has been written. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}

/** What to try when a page cannot be read from the web: import it from a file instead. */
export const saveAndImport = (url: string) => `save the page in a browser and import the file: npm run new -- page.html --url ${url}`;
