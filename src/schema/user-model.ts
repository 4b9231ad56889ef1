import type { EasemobUser } from '../easemob/responses.js';

/** A user as the schema passes it around: the name, and the profile when it is already known. */
export interface UserModel {
  username: string;
  profile?: EasemobUser;
}

export const userOf = (name: string, profile?: EasemobUser): UserModel => ({
  username: name,
  profile,
});
