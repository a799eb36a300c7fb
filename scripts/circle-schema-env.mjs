// Jest setup for the "apps/matching (Circle schema)" project: its test databases start from Circle's tables.
import process from 'node:process';

process.env.TEST_DATABASE_SCHEMA = 'circle';
