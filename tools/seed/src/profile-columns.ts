/** The columns of Circle's `profiles` a member is written with, here and by the test fixtures (test-support). */
export const PROFILE_COLUMNS = [
  'id',
  'first_name',
  'last_name',
  'age',
  'about',
  'interests',
  'needs',
  'latitude',
  'longitude',
  'gender',
  'created_at',
  'is_suspended',
  'deleted_at',
  'last_active',
  'invisible_mode',
  'is_deleted',
] as const;
