/** A browser, as far as these pages care: it keeps cookies and does not follow redirects by itself. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(method: string, path: string, init: { form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(`${this.base}${path}`, { method, headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (/Max-Age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, location: response.headers.get('location'), text: await response.text(), headers: response.headers };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  /** The value of a hidden form field or meta tag in the last page. */
  static field(html: string, name: string): string {
    const match = new RegExp(`name="${name}"[^>]*(?:value|content)="([^"]*)"`).exec(html);
    if (!match) throw new Error(`no field ${name} in the page`);
    return match[1]!;
  }

  async logIn(username: string, password: string, back = '/') {
    const form = await this.get(`/inloggen?terug=${encodeURIComponent(back)}`);
    return this.request('POST', '/inloggen', { form: { _csrf: Browser.field(form.text, '_csrf'), username, password, terug: back } });
  }
}
