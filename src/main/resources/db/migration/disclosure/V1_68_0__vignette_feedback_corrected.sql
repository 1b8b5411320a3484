-- A member corrects their own feedback on a vignette: the thread says when (the text is sealed anew).
ALTER TABLE dis_vignette_feedback ADD COLUMN corrected_at TIMESTAMP WITH TIME ZONE;
