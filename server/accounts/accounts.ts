/**
 * Accounts: register → one-time code by email → verify → log in. The OTP rule (DOMAIN.md):
 * 6 digits, valid 10 minutes, 5 wrong tries and the code is dead (a new one must be requested).
 *
 * Users, sessions and codes are written through Prisma, one statement at a time (no interactive
 * `$transaction`: on SQLite every Prisma write takes the process write lock); the email goes
 * into the outbox through the driver and is sent by the dispatcher.
 */
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { I18nText, Lang } from '../../machines/types.ts';
import type { AppDeps } from '../deps.ts';
import { ConflictError, DomainError, ForbiddenError, ValidationError, type FieldError } from '../errors.ts';
import { enqueueEmail } from '../notify/outbox.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { toSessionUser } from './sessions.ts';
import type { SessionUser } from './types.ts';

/** Defaults of the OTP policy (DOMAIN.md); override per service through `AccountOptions`. */
export const OTP_DIGITS = 6;
export const OTP_TTL_MS = 10 * 60_000;
export const OTP_MAX_TRIES = 5;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const NAME_MIN = 2;
export const NAME_MAX = 100;

export type AccountDeps = Pick<AppDeps, 'prisma' | 'sql' | 'clock' | 'config' | 'log' | 'sessions' | 'dispatcher'>;

export type AccountOptions = {
  otpTtlMs?: number;
  otpMaxTries?: number;
};

/** What the API answers for a user (`{user}` of login, verify, `GET /api/me`). */
export type UserView = SessionUser;

type UserRecord = {
  id: string;
  email: string;
  passwordHash: string;
  fullName: string;
  roles: unknown;
  officeCode: string | null;
  locale: string;
  verifiedAt: Date | null;
};

const EMAIL_RE = /^[^\s@"(),:;<>[\\\]]+@[^\s@"(),:;<>[\\\]]+\.[^\s@"(),:;<>[\\\].]{2,}$/;

/** Adds problem extensions (beside `errors`) to a domain error. */
function withExtensions<E extends DomainError>(err: E, extensions: Record<string, unknown>): E {
  Object.assign(err.extensions, extensions);
  return err;
}

function field(pointer: string, messages: I18nText): FieldError {
  return { pointer, message: messages.en, messages };
}

function asObject(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** Lower-cased, trimmed email, or a field error. */
function readEmail(body: Record<string, unknown>, errors: FieldError[]): string {
  const raw = body.email;
  if (typeof raw !== 'string' || raw.trim() === '') {
    errors.push(field('/email', { id: 'Email wajib diisi.', en: 'Email is required.' }));
    return '';
  }
  const email = raw.trim().toLowerCase();
  const [local = ''] = email.split('@');
  if (email.length > 254 || local.length > 64 || !EMAIL_RE.test(email)) {
    errors.push(field('/email', { id: 'Alamat email tidak valid (contoh: nama@contoh.id).', en: 'Not a valid email address (example: name@example.com).' }));
  }
  return email;
}

export function otpHash(otpId: string, code: string): string {
  return createHash('sha256').update(`${otpId}:${code}`).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The OTP email: Indonesian and English in one message, the code alone on its line. */
export function otpEmail(code: string, fullName: string, ttlMinutes: number, lang: Lang): { subject: string; text: string } {
  const id = [
    `Halo ${fullName},`,
    '',
    'Kode verifikasi akun Alur Anda:',
    '',
    `    ${code}`,
    '',
    `Kode ini berlaku ${ttlMinutes} menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas.`,
    'Jika Anda tidak mendaftar di Alur, abaikan email ini.',
  ].join('\n');
  const en = [
    `Hello ${fullName},`,
    '',
    'Your Alur account verification code:',
    '',
    `    ${code}`,
    '',
    `The code is valid for ${ttlMinutes} minutes. Do not share it with anyone, officers included.`,
    'If you did not register with Alur, ignore this email.',
  ].join('\n');
  const [first, second] = lang === 'en' ? [en, id] : [id, en];
  return {
    subject: lang === 'en' ? 'Your Alur verification code / Kode verifikasi Alur' : 'Kode verifikasi Alur / Your Alur verification code',
    text: `${first}\n\n----------\n\n${second}\n`,
  };
}

export class AccountService {
  private readonly otpTtlMs: number;
  private readonly otpMaxTries: number;
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly deps: AccountDeps,
    options: AccountOptions = {},
  ) {
    this.otpTtlMs = options.otpTtlMs ?? OTP_TTL_MS;
    this.otpMaxTries = options.otpMaxTries ?? OTP_MAX_TRIES;
  }

  /**
   * Registers an applicant (or updates a pending, unverified registration of the same email) and
   * emails a new code. 409 `email-taken` when a verified account has the email.
   */
  async register(body: unknown, lang: Lang): Promise<{ user: UserView; codeExpiresAt: Date }> {
    const b = asObject(body);
    const errors: FieldError[] = [];
    const email = readEmail(b, errors);
    const password = b.password;
    if (
      typeof password !== 'string' ||
      password.length < PASSWORD_MIN ||
      password.length > PASSWORD_MAX ||
      !/\p{L}/u.test(password) ||
      !/\p{Nd}/u.test(password)
    ) {
      errors.push(
        field(
          '/password',
          typeof password === 'string' && password.length > PASSWORD_MAX
            ? { id: `Kata sandi paling banyak ${PASSWORD_MAX} karakter.`, en: `Password must be at most ${PASSWORD_MAX} characters.` }
            : {
                id: `Kata sandi minimal ${PASSWORD_MIN} karakter dan memuat setidaknya satu huruf dan satu angka.`,
                en: `Password must be at least ${PASSWORD_MIN} characters long and contain at least one letter and one digit.`,
              },
        ),
      );
    }
    const fullName = typeof b.fullName === 'string' ? b.fullName.trim().replace(/\s+/g, ' ') : '';
    if ([...fullName].length < NAME_MIN || [...fullName].length > NAME_MAX) {
      errors.push(
        field('/fullName', {
          id: `Nama lengkap wajib diisi, ${NAME_MIN}–${NAME_MAX} karakter.`,
          en: `Full name is required, ${NAME_MIN}–${NAME_MAX} characters.`,
        }),
      );
    }
    if (errors.length > 0) throw new ValidationError(errors);

    const { prisma, log } = this.deps;
    const existing = await this.findUser(email);
    if (existing?.verifiedAt) throw this.emailTaken();
    const passwordHash = await hashPassword(password as string);

    let user: UserRecord;
    if (existing) {
      user = await prisma.user.update({ where: { id: existing.id }, data: { passwordHash, fullName, locale: lang } });
    } else {
      try {
        user = await prisma.user.create({
          data: { id: randomUUID(), email, passwordHash, fullName, roles: ['applicant'], locale: lang },
        });
      } catch (err) {
        if ((err as { code?: string }).code !== 'P2002') throw err;
        // A concurrent registration of the same email won the insert.
        const other = await this.findUser(email);
        if (!other || other.verifiedAt) throw this.emailTaken();
        user = await prisma.user.update({ where: { id: other.id }, data: { passwordHash, fullName, locale: lang } });
      }
    }
    const codeExpiresAt = await this.issueCode(user, lang);
    log.info(existing ? 'registration renewed' : 'account registered', { userId: user.id });
    return { user: toSessionUser(user), codeExpiresAt };
  }

  /** Checks a code; on success the account is active. */
  async verify(body: unknown): Promise<UserView> {
    const b = asObject(body);
    const errors: FieldError[] = [];
    const email = readEmail(b, errors);
    const code = typeof b.code === 'string' || typeof b.code === 'number' ? String(b.code).replace(/\s+/g, '') : '';
    if (!new RegExp(`^\\d{${OTP_DIGITS}}$`).test(code)) {
      errors.push(field('/code', { id: `Masukkan kode ${OTP_DIGITS} angka dari email.`, en: `Enter the ${OTP_DIGITS}-digit code from the email.` }));
    }
    if (errors.length > 0) throw new ValidationError(errors);

    const { prisma, clock, log } = this.deps;
    const user = await this.findUser(email);
    if (!user) throw this.noCode();
    if (user.verifiedAt) {
      // A repeated request (double tap, retry after a lost answer) with the code that did it.
      const used = await prisma.otpCode.findFirst({ where: { userId: user.id, usedAt: { not: null } }, orderBy: { usedAt: 'desc' } });
      if (used && sameHash(used.codeHash, otpHash(used.id, code))) return toSessionUser(user);
      throw new ConflictError(
        'already-verified',
        { id: 'Akun ini sudah aktif. Silakan masuk.', en: 'This account is already active. Please log in.' },
        {},
        { id: 'Sudah aktif', en: 'Already active' },
      );
    }

    const now = clock.now();
    // Normally one code is alive; two requests for a code at the same moment (a double tap on
    // "resend") can leave two, each in its own email: either is accepted.
    const codes = await prisma.otpCode.findMany({ where: { userId: user.id, usedAt: null }, orderBy: { createdAt: 'desc' } });
    const newest = codes[0];
    if (!newest) throw this.noCode();
    const live = codes.filter((c) => c.attempts < this.otpMaxTries && c.expiresAt.getTime() > now.getTime());
    if (live.length === 0) throw newest.attempts >= this.otpMaxTries ? this.exhausted() : this.expired();

    const match = live.find((c) => sameHash(c.codeHash, otpHash(c.id, code)));
    if (!match) {
      // One atomic increment per wrong try: concurrent guesses cannot exceed the limit.
      const ids = live.map((c) => c.id);
      const { count } = await prisma.otpCode.updateMany({
        where: { id: { in: ids }, usedAt: null, attempts: { lt: this.otpMaxTries } },
        data: { attempts: { increment: 1 } },
      });
      const fresh = await prisma.otpCode.findMany({ where: { id: { in: ids } }, select: { attempts: true } });
      const left = Math.max(0, ...fresh.map((c) => this.otpMaxTries - c.attempts));
      log.info('wrong otp', { userId: user.id, triesLeft: left });
      if (count === 0 || left <= 0) throw this.exhausted();
      const text = { id: `Kode salah. Sisa percobaan: ${left}.`, en: `Wrong code. ${left} ${left === 1 ? 'try' : 'tries'} left.` };
      throw withExtensions(new ValidationError([field('/code', text)], text, 'otp-invalid'), { triesLeft: left });
    }

    const { count } = await prisma.otpCode.updateMany({
      where: { id: match.id, usedAt: null, attempts: { lt: this.otpMaxTries }, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) {
      // Lost a race: another request used the code, or wrong guesses exhausted it meanwhile.
      const again = await this.findUser(email);
      if (again?.verifiedAt) return toSessionUser(again);
      throw this.exhausted();
    }
    const verified = await prisma.user.update({ where: { id: user.id }, data: { verifiedAt: now } });
    log.info('account verified', { userId: user.id });
    return toSessionUser(verified);
  }

  /** Sends a new code to a pending account; silently does nothing for unknown or active ones. */
  async resend(body: unknown, lang: Lang): Promise<void> {
    const errors: FieldError[] = [];
    const email = readEmail(asObject(body), errors);
    if (errors.length > 0) throw new ValidationError(errors);
    const user = await this.findUser(email);
    if (!user || user.verifiedAt) return;
    await this.issueCode(user, lang);
    this.deps.log.info('otp resent', { userId: user.id });
  }

  /** Checks the password; 401 `invalid-credentials` (same for an unknown email), 403 `unverified`. */
  async login(body: unknown, userAgent?: string): Promise<{ user: UserView; token: string; expiresAt: Date }> {
    const b = asObject(body);
    const errors: FieldError[] = [];
    if (typeof b.email !== 'string' || b.email.trim() === '') errors.push(field('/email', { id: 'Email wajib diisi.', en: 'Email is required.' }));
    if (typeof b.password !== 'string' || b.password === '')
      errors.push(field('/password', { id: 'Kata sandi wajib diisi.', en: 'Password is required.' }));
    if (errors.length > 0) throw new ValidationError(errors);
    const email = (b.email as string).trim().toLowerCase();
    const password = (b.password as string).slice(0, PASSWORD_MAX + 1);

    const user = email.length <= 254 ? await this.findUser(email) : null;
    // Hash even for an unknown email, so the answer time does not tell whether it exists.
    const ok = user ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await this.dummy()), false);
    if (!user || !ok) {
      this.deps.log.info('login failed', { userId: user?.id ?? null });
      throw new DomainError(
        401,
        'invalid-credentials',
        { id: 'Gagal masuk', en: 'Login failed' },
        { id: 'Email atau kata sandi salah.', en: 'Wrong email or password.' },
      );
    }
    if (!user.verifiedAt) {
      throw new ForbiddenError(
        {
          id: 'Akun belum diaktifkan. Masukkan kode 6 angka yang kami kirim ke email Anda, atau minta kode baru.',
          en: 'The account is not active yet. Enter the 6-digit code we sent to your email, or request a new code.',
        },
        'unverified',
      );
    }
    const { token, expiresAt } = await this.deps.sessions.create(user.id, userAgent);
    this.deps.log.info('login', { userId: user.id });
    return { user: toSessionUser(user), token, expiresAt };
  }

  /** Saves the UI language of a user. */
  async setLocale(userId: string, body: unknown): Promise<UserView> {
    const locale = asObject(body).locale;
    if (locale !== 'id' && locale !== 'en') {
      throw new ValidationError([field('/locale', { id: 'Bahasa harus "id" atau "en".', en: 'Language must be "id" or "en".' })]);
    }
    const user = await this.deps.prisma.user.update({ where: { id: userId }, data: { locale } });
    this.deps.sessions.forgetUser(userId);
    return toSessionUser(user);
  }

  /** Replaces the user's codes with a new one and queues the email; returns its expiry. */
  private async issueCode(user: { id: string; email: string; fullName: string }, lang: Lang): Promise<Date> {
    const { prisma, sql, clock, dispatcher } = this.deps;
    const code = String(randomInt(0, 10 ** OTP_DIGITS)).padStart(OTP_DIGITS, '0');
    const id = randomUUID();
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + this.otpTtlMs);
    await prisma.otpCode.deleteMany({ where: { userId: user.id } });
    await prisma.otpCode.create({ data: { id, userId: user.id, codeHash: otpHash(id, code), expiresAt } });
    const { subject, text } = otpEmail(code, user.fullName, Math.round(this.otpTtlMs / 60_000), lang);
    await enqueueEmail(sql, { to: user.email, subject, text }, now);
    dispatcher.kick();
    return expiresAt;
  }

  private findUser(email: string): Promise<UserRecord | null> {
    return this.deps.prisma.user.findUnique({
      where: { email },
      select: { id: true, email: true, passwordHash: true, fullName: true, roles: true, officeCode: true, groups: true, locale: true, verifiedAt: true },
    });
  }

  private dummy(): Promise<string> {
    return (this.dummyHash ??= hashPassword(randomBytes(16).toString('hex')));
  }

  private emailTaken() {
    return new ConflictError(
      'email-taken',
      {
        id: 'Email ini sudah terdaftar. Silakan masuk, atau gunakan email lain.',
        en: 'This email is already registered. Log in, or use another email.',
      },
      { errors: [field('/email', { id: 'Email ini sudah terdaftar.', en: 'This email is already registered.' })] },
      { id: 'Email sudah terdaftar', en: 'Email already registered' },
    );
  }

  private noCode() {
    return new ValidationError(
      [field('/code', { id: 'Tidak ada kode yang berlaku untuk email ini. Minta kode baru.', en: 'There is no valid code for this email. Request a new code.' })],
      { id: 'Tidak ada kode yang berlaku. Minta kode baru.', en: 'No valid code. Request a new code.' },
      'otp-expired',
    );
  }

  private expired() {
    const minutes = Math.round(this.otpTtlMs / 60_000);
    const text = {
      id: `Kode sudah kedaluwarsa (berlaku ${minutes} menit). Minta kode baru.`,
      en: `The code has expired (it is valid for ${minutes} minutes). Request a new code.`,
    };
    return new ValidationError([field('/code', text)], text, 'otp-expired');
  }

  private exhausted() {
    const text = {
      id: `Kode salah dimasukkan ${this.otpMaxTries} kali dan tidak berlaku lagi. Minta kode baru.`,
      en: `The code was entered wrongly ${this.otpMaxTries} times and no longer works. Request a new code.`,
    };
    return withExtensions(new ValidationError([field('/code', text)], text, 'otp-exhausted'), { triesLeft: 0 });
  }
}
