import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

export interface OpenApiDoc {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: object }> }> }>>;
}

/**
 * Checks answers against the OpenAPI document: the operation of (method, path), the response of
 * the status, the schema of the media type, validated with ajv (JSON Schema 2020-12, as OpenAPI 3.1).
 */
export class Contract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly checked: string[] = [];

  constructor(readonly doc: OpenApiDoc) {}

  static async load(baseUrl: string): Promise<Contract> {
    const res = await fetch(`${baseUrl}/api/openapi.json`);
    return new Contract((await res.json()) as OpenApiDoc);
  }

  /** Throws with ajv's errors when the answer does not match what the document promises. */
  check(method: string, path: string, status: number, contentType: string | null, body: unknown): void {
    const template = this.templateOf(path);
    const op = this.doc.paths[template]?.[method.toLowerCase()];
    if (!op) throw new Error(`${method} ${template} is not in the OpenAPI document`);
    const response = op.responses?.[String(status)];
    if (!response) throw new Error(`${method} ${template} does not document status ${status} (documented: ${Object.keys(op.responses ?? {}).join(', ')})`);
    const media = (contentType ?? 'application/json').split(';')[0]?.trim() ?? 'application/json';
    const schema = response.content?.[media]?.schema;
    if (!schema) throw new Error(`${method} ${template} ${status} documents no ${media} body`);
    const key = `${method} ${template} ${status} ${media}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(key, validate);
    }
    if (!validate(body)) throw new Error(`${key}: the answer does not match its schema: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
    this.checked.push(key);
  }

  /** The document's path template a concrete path matches (`/api/v1/messages/12` → `/api/v1/messages/{id}`). */
  templateOf(path: string): string {
    const bare = path.split('?')[0] as string;
    if (this.doc.paths[bare]) return bare;
    for (const t of Object.keys(this.doc.paths)) {
      const re = new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      if (re.test(bare)) return t;
    }
    return bare;
  }
}
