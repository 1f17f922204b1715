/** How Celigo shows a stored secret in answers; sent back on PUT, it means "keep the secret". */
export const maskedSecret = "******";
