import { SetMetadata } from '@nestjs/common';

export const PUBLIC_KEY = 'auth:public';

/** Open to anyone without a token: must be said explicitly, endpoint by endpoint. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
