/**
 * Password rules for staff accounts (等保2.0 三级 identity requirements): at least 10 characters of at least three
 * kinds (lower case, upper case, digits, other), not containing the user name, and not one of the 49,233 most
 * common passwords (the zxcvbn-ts common list, MIT), also with digits or symbols added at the end.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

export const PASSWORD_RULES = '至少10位，包含小写字母、大写字母、数字、其他符号中的至少三种，不含用户名，不能是常见密码。';

/** The first problem with a new password, in the words shown to the user; null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10) return '密码至少10位。';
  if (password.length > 200) return '密码不能超过200位。';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (kinds < 3) return '密码须包含小写字母、大写字母、数字、其他符号中的至少三种。';
  const lower = password.toLowerCase();
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return '密码不能包含用户名。';
  let end = lower.length;
  while (end > 0 && !/[a-z]/.test(lower[end - 1])) end--;
  const stem = lower.slice(0, end);
  if (commonPasswords().has(lower) || (stem.length >= 4 && commonPasswords().has(stem))) return '这是常见密码，容易被猜中，请换一个。';
  return null;
}
